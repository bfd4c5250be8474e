import { expect, test } from "@playwright/test";
import { visitorHeaders } from "./support";
import { adminContext } from "./two-factor-support";
import { login, registeredUser } from "./users";

// This suite runs a production build with DEV_MAILBOX=true: the outbox holds every reset and confirmation
// link, so only a signed-in holder of email:outbox may read it.

test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

test("the mailbox is a 404 to anonymous visitors and to members without email:outbox, and open to the administrator", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  for (const path of ["/dev/mailbox", "/dev/mailbox?to=a%40example.com", "/dev/mailbox/anything", "/dev/mailbox/anything/html"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toMatch(/Filter by recipient|verify-email\?token=|reset-password\?token=/); // the page title may say Mailbox
  }
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Mailbox" })).toHaveCount(0);

  const email = await registeredUser(page, "outbox"); // its confirmation link was read as the administrator
  await login(page, email);
  await expect(page).toHaveURL(/\/account$/);
  expect((await page.request.get("/dev/mailbox")).status()).toBe(404);
  await expect(page.getByRole("link", { name: "Mailbox" })).toHaveCount(0);

  const { context, page: admin } = await adminContext(browser, visitorHeaders());
  const response = await admin.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  expect(response?.status()).toBe(200);
  await expect(admin.getByRole("link", { name: /Confirm your email address/ })).toBeVisible();
  await context.close();
});
