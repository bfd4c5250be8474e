import { expect, type Page } from "@playwright/test";

/** Opens the newest message to `to` whose subject contains `subject` in the dev mailbox; returns its first link. */
export async function openLatestMail(page: Page, to: string, subject: string): Promise<string | null> {
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
        return page.getByRole("link", { name: new RegExp(subject) }).count();
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
  await page.getByRole("link", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subject);
  const links = page.getByTestId("mail-link");
  return (await links.count()) > 0 ? links.first().getAttribute("href") : null;
}
