import { expect, test } from "@playwright/test";
import { snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext } from "./two-factor-support";

// The template gallery: every message rendered with sample data. It sits behind the mailbox's gate (this
// suite's production build sets DEV_MAILBOX=true), so it is a 404 to visitors and open to the administrator.

test("the email gallery lists every template and shows one as HTML and text, light and dark", async ({ page, browser }) => {
  test.setTimeout(120_000); // the administrator's first sign-in enrols two-factor
  for (const path of ["/dev/emails", "/dev/emails/verify-email", "/dev/emails/verify-email/html"]) {
    expect((await page.request.get(path, { headers: visitorHeaders() })).status(), path).toBe(404);
  }

  const { context, page: admin } = await adminContext(browser, visitorHeaders());
  try {
    const watch = watchPage(admin);
    await admin.goto("/dev/emails");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Email templates");
    await expect(admin.getByRole("list", { name: "Email templates" }).getByRole("listitem")).toHaveCount(13);
    // Modules' templates too (declared with `emails` in defineModule).
    await expect(admin.getByRole("link", { name: "A task was assigned to you" })).toBeVisible();
    await snapshot(admin, "email-gallery");

    await admin.getByRole("link", { name: "Confirm your email address" }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toContainText("Confirm your email address");
    const frame = admin.frameLocator('iframe[title="Message as HTML"]');
    await expect(frame.getByRole("link", { name: "Confirm my email address" })).toBeVisible();
    await expect(admin.locator("pre")).toContainText("Confirm my email address: http");
    const html = await admin.request.get("/dev/emails/verify-email/html");
    expect(html.headers()["content-security-policy"]).toContain("sandbox");
    await snapshot(admin, "email-template-verify-email");

    await admin.emulateMedia({ colorScheme: "dark" });
    await admin.reload();
    await expect(frame.getByRole("link", { name: "Confirm my email address" })).toBeVisible();
    await snapshot(admin, "email-template-verify-email-dark");

    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.emulateMedia({ colorScheme: "light" });
    await admin.reload();
    await expect(frame.getByRole("link", { name: "Confirm my email address" })).toBeVisible();
    await snapshot(admin, "email-template-verify-email-phone");
    watch.assertClean();
  } finally {
    await context.close();
  }
});
