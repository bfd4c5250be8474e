import { expect, type Page } from "@playwright/test";
import { snapshot, visitorHeaders } from "./support";
import { adminContext } from "./two-factor-support";

// A production build shows the mailbox only to a signed-in holder of email:outbox, so the tests read it as
// the seeded administrator (who holds every permission), in a browser context of its own: the page under
// test keeps its own session and URL.

/** The newest message to `to` whose subject contains `subject`; returns its first link. */
export async function openLatestMail(page: Page, to: string, subject: string, options: { snapshot?: string } = {}): Promise<string | null> {
  const { context, page: reader } = await adminContext(page.context().browser()!, visitorHeaders());
  try {
    await expect
      .poll(
        async () => {
          await reader.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
          return reader.getByRole("link", { name: new RegExp(subject) }).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await reader
      .getByRole("link", { name: new RegExp(subject) })
      .first()
      .click();
    await expect(reader.getByRole("heading", { level: 1 })).toContainText(subject);
    if (options.snapshot) await snapshot(reader, options.snapshot);
    const links = reader.getByTestId("mail-link");
    return (await links.count()) > 0 ? links.first().getAttribute("href") : null;
  } finally {
    await context.close();
  }
}
