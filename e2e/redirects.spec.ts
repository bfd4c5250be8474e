import { expect, test } from "@playwright/test";
import { visitorHeaders } from "./support";
import { login, registeredUser } from "./users";

// After signing in, ?next= may only lead to a page of this site, however the link was crafted.
test.describe.configure({ timeout: 90_000 });

test("a crafted ?next= on the sign-in page cannot send anyone off the site", async ({ browser }) => {
  const setup = await browser.newPage({ extraHTTPHeaders: visitorHeaders() });
  const email = await registeredUser(setup, "redirect");
  await setup.close();

  const crafted = [
    "//evil.example/x",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/%5C%5Cevil.example",
  ];
  for (const next of crafted) {
    const context = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
    const page = await context.newPage();
    const leftTheSite: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest() && new URL(request.url()).hostname !== "127.0.0.1") leftTheSite.push(request.url());
    });
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await login(page, email, undefined, { keepUrl: true });
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/(account|%5C%5Cevil\.example)$/);
    expect(leftTheSite, `next=${JSON.stringify(next)}`).toEqual([]);
    await context.close();
  }

  // A path on the site is kept, query included.
  const context = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent("/account?from=link")}`);
  await login(page, email, undefined, { keepUrl: true });
  await expect(page).toHaveURL(/\/account\?from=link$/);
  await context.close();
});
