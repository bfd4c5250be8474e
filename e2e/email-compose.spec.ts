import { expect, test, type Page } from "@playwright/test";
import { openLatestMail } from "./mailbox";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext } from "./two-factor-support";
import { formStatus, login, registeredUser } from "./users";

// An administrator composes an email to a role: preview, queue, progress; the member reads it in the mailbox,
// unsubscribes through its link without signing in; the next email to the role skips them, while a password
// reset still reaches them.

// A long journey on a shared two-core machine: three browser contexts and two sends.
test.describe.configure({ timeout: 300_000 });
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

async function compose(admin: Page, roleName: string, subject: string, markdown: string) {
  await admin.goto("/admin/emails/new");
  await admin.getByLabel("Everyone with a role").check();
  await admin.getByLabel("Role", { exact: true }).selectOption({ label: roleName });
  await admin.getByLabel("Subject").fill(subject);
  await admin.getByLabel("Message (Markdown)").fill(markdown);
}

test("compose to a role, follow its progress, unsubscribe without signing in, and still get security mail", async ({ page, browser }) => {
  const member = await registeredUser(page, "reader");
  const roleName = `readers-${Date.now().toString(36)}`;
  const { context, page: admin } = await adminContext(browser, visitorHeaders());

  // A role of its own, held by the new member alone.
  const watch = watchPage(admin);
  await admin.goto("/admin/roles");
  // Typed once the form works (its button is enabled at hydration), so nothing typed is lost.
  await expect(admin.getByRole("button", { name: "Create role" })).toBeEnabled();
  await admin.locator("#new-role-name").fill(roleName);
  await admin.getByRole("button", { name: "Create role" }).click();
  await expect(admin.getByRole("checkbox", { name: `${roleName}: audit:read` })).toBeVisible();
  await admin.goto(`/admin/users?q=${encodeURIComponent(member)}`);
  await admin.getByTestId("user-row").getByRole("link").click();
  await admin.getByLabel(roleName, { exact: true }).check();
  await admin.getByRole("button", { name: "Save roles" }).click();
  await expect(admin.getByTestId("toast").last()).toContainText("The roles are saved");

  // Chosen people: a few letters of the member's address find them, and Add puts the address in the list.
  await admin.goto("/admin/emails/new");
  await admin.getByLabel("Find people").fill(member.split("@")[0]!);
  const matches = admin.getByRole("list", { name: "Matching people" });
  await expect(matches.getByRole("listitem")).toHaveCount(1);
  await expect(matches).toContainText(member);
  await matches.getByRole("button").click();
  await expect(admin.getByLabel("Email addresses")).toHaveValue(member);
  await expect(admin.getByLabel("Find people")).toBeFocused();

  // Preview: the sanitised body, the admin's own first name merged, in a sandboxed frame.
  const subject = `Reports are live ${Date.now().toString(36)}`;
  await compose(admin, roleName, subject, "**{{firstName}}**, the reports page is live.\n\n<script>alert(1)</script>");
  await admin.getByRole("button", { name: "Preview" }).click();
  const preview = admin.frameLocator('iframe[name="email-preview"]');
  await expect(preview.getByText("the reports page is live.")).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("Ada");
  expect(await preview.locator("script").count()).toBe(0);
  await expect(admin.locator('iframe[name="email-preview"]')).toHaveAttribute("sandbox", "");
  await snapshot(admin, "admin-email-compose");
  // The page around the frame; the email in it is the templates' (tests/lib/email/templates.test.ts).
  await expectAccessible(admin, { exclude: ['iframe[name="email-preview"]'] });

  // Queue it: the progress page counts it out.
  await admin.getByRole("button", { name: "Queue the email" }).click();
  await expect(admin).toHaveURL(/\/admin\/emails\/sends\/[a-z0-9]+$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(admin.getByTestId("send-counts")).toContainText("1 sent", { timeout: 20_000 });
  await snapshot(admin, "admin-email-send");
  await expectAccessible(admin);
  await admin.goto("/admin/emails");
  await expect(admin.getByTestId("send-row").filter({ hasText: subject })).toContainText("1 of 1");

  // The member's copy: their name, the one-click headers, and a footer link that works signed out.
  const unsubscribeLink = await openLatestMail(page, member, subject, { snapshot: "email-announcement" });
  expect(unsubscribeLink).toContain("/email/unsubscribe?token=");
  const signedOut = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const visitor = await signedOut.newPage();
  await visitor.goto(unsubscribeLink!);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Unsubscribe from announcements");
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("You are unsubscribed");
  await snapshot(visitor, "email-unsubscribed");
  await expectAccessible(visitor);
  await signedOut.close();

  // The next email to the role skips them; /account shows the preference off.
  const second = `Second news ${Date.now().toString(36)}`;
  await compose(admin, roleName, second, "More news.");
  await admin.getByRole("button", { name: "Queue the email" }).click();
  await expect(admin.getByTestId("send-counts")).toContainText("1 suppressed", { timeout: 20_000 });
  await expect(admin.getByTestId("send-counts")).toContainText("0 sent");
  watch.assertClean();
  await context.close();

  await login(page, member);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByLabel("Announcements from the administrators")).not.toBeChecked();
  await expect(page.getByLabel("Notifications about your records (a task assigned to you…)")).toBeChecked();
  await page.locator("#email-preferences-heading").scrollIntoViewIfNeeded();
  await snapshot(page, "account-email-preferences");

  // A reset link is security mail: it still arrives.
  const fresh = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const resetPage = await fresh.newPage();
  await resetPage.goto("/forgot-password");
  await resetPage.getByLabel("Email address").fill(member);
  await resetPage.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(formStatus(resetPage)).toBeVisible();
  expect(await openLatestMail(resetPage, member, "Reset your password")).toContain("/reset-password?token=");
  await fresh.close();
});

test("one-click unsubscribe (RFC 8058) needs a valid token and the one-click body", async ({ request }) => {
  expect((await request.post("/api/email/unsubscribe?token=bad.token", { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(400);
  expect((await request.post("/api/email/unsubscribe?token=bad.token", { form: {} })).status()).toBe(400);
  const redirected = await request.get("/api/email/unsubscribe?token=abc", { maxRedirects: 0 });
  expect(redirected.status()).toBe(303);
  expect(redirected.headers().location).toContain("/email/unsubscribe?token=abc");
});
