import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext } from "@playwright/test";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext, CHALLENGE, codeAt, enrol, passCode, passRecoveryCode, signOut } from "./two-factor-support";
import { formAlert, login, registeredUser } from "./users";

// The codes here come from the enrolled secret, computed with otplib like an authenticator app would.

test.describe.configure({ timeout: 120_000 });
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

/** Every page this build serves, from Next's own manifest, so a page added later is checked too. */
function builtPages(): string[] {
  const manifest = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([file]) => file.endsWith("/page"))
    .map(([, route]) => route)
    .filter((route) => !route.includes("["));
}
/** Pages meant for visitors (or, like the dev mailbox, a 404 to anyone without its permission rather than a redirect). */
const publicPages = [
  "/",
  "/status",
  "/_not-found",
  "/_global-error",
  "/login",
  "/login/two-factor",
  "/register",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/verify-email/resend",
  "/confirm-email",
  "/cancel-email-change",
  // Reached from an email's footer by someone signed out; its signed token is the only key.
  "/email/unsubscribe",
  "/dev/mailbox",
  // The email template gallery: gated like the dev mailbox.
  "/dev/emails",
  // The API reference is public documentation, like the document it renders (/api/v1/openapi.json).
  "/api/docs",
];

test.describe("two-factor sign-in", () => {
  test("enrol, sign out, sign in with a code; a used code and a used recovery code fail the second time", async ({ page }) => {
    const watch = watchPage(page);
    const email = await registeredUser(page, "tfa");
    await login(page, email);
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
    await expect(page).toHaveURL(/\/account\/two-factor$/);
    await expectAccessible(page);
    const { secret, recoveryCodes } = await enrol(page, true);
    await expect(page.locator("#two-factor-heading").locator("..")).toContainText("On");

    await signOut(page);
    await login(page, email);
    await expect(page).toHaveURL(CHALLENGE);
    await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
    await expectAccessible(page);
    await snapshot(page, "two-factor-challenge");
    await passCode(page, "123");
    await expect(page.locator("#code-error")).toContainText("6-digit code");
    await passCode(page, "000000");
    await expect(page.locator("#code-error")).toContainText("not right");
    const code = await codeAt(secret, 1);
    await passCode(page, code);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

    // The same code again, still inside its window: refused.
    await signOut(page);
    await login(page, email);
    await expect(page).toHaveURL(CHALLENGE);
    await passCode(page, code);
    await expect(page.locator("#code-error")).toContainText("already used");

    // A recovery code works once.
    await passRecoveryCode(page, recoveryCodes[0]!);
    await expect(page).toHaveURL(/\/account$/);
    await signOut(page);
    await login(page, email);
    await passRecoveryCode(page, recoveryCodes[0]!);
    await expect(page.locator("#recoveryCode-error")).toContainText("already used");
    await snapshot(page, "two-factor-recovery-refused");
    watch.assertClean();
  });

  test("a half-authenticated session reaches nothing but the challenge, and its cookie is worthless afterwards", async ({
    page,
    browser,
  }) => {
    const email = await registeredUser(page, "tfa-half");
    await login(page, email);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/two-factor");
    const { secret } = await enrol(page);
    await signOut(page);
    await login(page, email);
    await expect(page).toHaveURL(CHALLENGE);
    const halfCookies = await page.context().cookies();

    const pages = builtPages().filter((route) => !publicPages.includes(route));
    expect(pages).toEqual(expect.arrayContaining(["/account", "/account/two-factor"]));
    for (const route of pages) {
      await page.goto(route);
      await expect(page, `${route} must send a half-signed-in visitor to the challenge`).toHaveURL(CHALLENGE);
    }
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session?.user).toBeUndefined();

    // Skipping the challenge: a made-up grant at Auth.js's own endpoint signs nobody in.
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    await page.request.post("/api/auth/callback/two-factor", { form: { csrfToken, grant: "A".repeat(43) }, maxRedirects: 0 });
    await page.goto("/account");
    await expect(page).toHaveURL(CHALLENGE);

    await passCode(page, await codeAt(secret, 1));
    await expect(page).toHaveURL(/\/account$/);

    // The cookie from before the code was swapped for a new one: a copy of the old one gets nothing.
    const replay: BrowserContext = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
    await replay.addCookies(halfCookies);
    const replayPage = await replay.newPage();
    await replayPage.goto("/account");
    await expect(replayPage).toHaveURL(/\/login\?next=/);
    await replayPage.goto("/login/two-factor");
    await expect(replayPage).toHaveURL(/\/login\?next=/);
    await replay.close();
  });

  test("a user of a role that requires two-factor is sent to enrolment and reaches nothing else until done", async ({ page, browser }) => {
    const watch = watchPage(page);
    const email = await registeredUser(page, "tfa-role");
    // An administrator gives them the admin role, which requires two-factor (system.config.ts).
    const { context: adminSession, page: admin } = await adminContext(browser, visitorHeaders());
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await admin.getByTestId("user-row").getByRole("link").click();
    await admin.getByLabel("admin", { exact: true }).check();
    await admin.getByRole("button", { name: "Save roles" }).click();
    await expect(admin.getByTestId("toast")).toContainText("The roles are saved");
    await adminSession.close();

    await login(page, email);
    await expect(page).toHaveURL(/\/account\/two-factor$/);
    await expect(page.locator("div.alert[role=status]")).toContainText("Your role requires two-factor sign-in");
    await snapshot(page, "two-factor-required");
    for (const path of ["/account", "/admin", "/admin/users"]) {
      await page.goto(path);
      await expect(page, `${path} must wait for enrolment`).toHaveURL(/\/account\/two-factor$/);
    }

    const { secret } = await enrol(page);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await page.goto("/account/two-factor");
    await expect(page.getByText("Your role requires two-factor sign-in, so it stays on.")).toBeVisible();
    await snapshot(page, "two-factor-manage");

    await signOut(page);
    await login(page, email);
    await expect(page).toHaveURL(CHALLENGE);
    await passCode(page, await codeAt(secret, 1));
    await expect(page).toHaveURL(/\/account$/);
    expect(await formAlert(page).count()).toBe(0);
    watch.assertClean();
  });
});
