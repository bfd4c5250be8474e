import { expect, test, type Browser } from "@playwright/test";
import { openLatestMail } from "./mailbox";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext } from "./two-factor-support";
import { formAlert, formStatus, login, newEmail, PASSWORD, register, registeredUser, verify } from "./users";

test.describe.configure({ timeout: 90_000 });
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

async function signedInContext(browser: Browser, email: string) {
  const context = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const page = await context.newPage();
  await login(page, email);
  await expect(page).toHaveURL(/\/account$/);
  return { context, page };
}

test.describe("accounts", () => {
  test("register, confirm the email from the mailbox, sign in, edit the profile, sign out", async ({ page }) => {
    const watch = watchPage(page);
    const email = newEmail("journey");
    await register(page, email);
    await snapshot(page, "register-done");

    // Signing in before confirming is refused, with a way to get a new link.
    await login(page, email);
    await expect(formAlert(page)).toContainText("Confirm your email address first");
    await expect(page.getByRole("link", { name: "Send me a new confirmation link" })).toBeVisible();

    await verify(page, email);
    await snapshot(page, "verify-email-done");

    await login(page, email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await expectAccessible(page);
    await snapshot(page, "account");

    await page.getByLabel("First name").fill("Gracie");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(formStatus(page)).toContainText("Your profile is saved.");
    await page.reload();
    await expect(page.getByLabel("First name")).toHaveValue("Gracie");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gracie" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    watch.assertClean();
  });

  test("a session cookie copied before sign-out is worth nothing afterwards", async ({ browser }) => {
    const setup = await browser.newPage({ extraHTTPHeaders: visitorHeaders() });
    const email = await registeredUser(setup, "replay");
    const { context, page } = await signedInContext(browser, email);
    const stolen = await context.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

    const attacker = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
    await attacker.addCookies(stolen);
    const attackerPage = await attacker.newPage();
    await attackerPage.goto("/account");
    await expect(attackerPage).toHaveURL(/\/login/);
  });

  test("a session revoked from another browser is signed out on its next request", async ({ browser }) => {
    const setup = await browser.newPage({ extraHTTPHeaders: visitorHeaders() });
    const email = await registeredUser(setup, "revoke");
    const first = await signedInContext(browser, email);
    const second = await signedInContext(browser, email);

    await second.page.reload();
    await expect(second.page.getByTestId("session-row")).toHaveCount(2);
    await snapshot(second.page, "account-two-sessions");
    await second.page.getByRole("button", { name: "Sign out all other sessions" }).click();
    await expect(formStatus(second.page)).toContainText("Signed out 1 other session");

    await first.page.goto("/account");
    await expect(first.page).toHaveURL(/\/login/);
    await second.page.reload();
    await expect(second.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  });

  test("the fifth wrong password locks the account, says for how long, and emails its owner", async ({ page }) => {
    const email = await registeredUser(page, "lockout");
    for (let attempt = 1; attempt < 5; attempt++) {
      await login(page, email, `wrong password number ${attempt}`);
      await expect(formAlert(page)).toContainText("The email address or password is not right.");
    }
    const locked = /Too many attempts: sign-in is locked for 1[45] minutes\./;
    await login(page, email, "wrong password number 5");
    await expect(formAlert(page)).toContainText(locked);
    await login(page, email);
    await expect(formAlert(page)).toContainText(locked);
    // An unknown address gets the same words at the same try: the lock reveals no account.
    const nobody = newEmail("nobody");
    for (let attempt = 1; attempt <= 5; attempt++) await login(page, nobody, `wrong password number ${attempt}`);
    await expect(formAlert(page)).toContainText(locked);
    await openLatestMail(page, email, "Your account was locked", { snapshot: "mail-account-locked" });
  });

  test("a user disabled mid-session lands on the sign-in page with a line saying why", async ({ browser, page }) => {
    const email = await registeredUser(page, "disabled");
    const user = await signedInContext(browser, email);
    const { context, page: admin } = await adminContext(browser, visitorHeaders());
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await admin.getByTestId("user-row").getByRole("link").click();
    await admin.getByRole("button", { name: "Disable" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
    await expect(admin.getByTestId("toast").last()).toContainText("disabled and signed out");
    await context.close();

    await user.page.goto("/account");
    await expect(user.page).toHaveURL(/\/login/);
    await expect(formStatus(user.page)).toContainText("Your account has been disabled. Contact");
    // Nobody else sees it: a fresh browser on the same page.
    await page.goto("/login");
    await expect(page.getByText("Your account has been disabled")).toHaveCount(0);
  });

  test("the registration form shows the server's verdict next to the field", async ({ page }) => {
    const watch = watchPage(page);
    await page.goto("/register");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your first name.")).toBeVisible();
    await expect(page.getByText("Use at least 15 characters.")).toBeVisible();

    await page.getByLabel("First name").fill("Grace");
    await page.getByLabel("Last name").fill("Hopper");
    await page.getByLabel("Email address").fill(newEmail("field"));
    await page.getByLabel("Date of birth").fill("1990-12-09");
    await page.getByLabel("Password", { exact: true }).fill("grace writes compilers");
    await page.getByLabel("Confirm password").fill("grace writes compilers");
    await expect(page.getByText("Strength:")).toBeVisible();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Don't use your name or email address in your password.")).toBeVisible();
    await expectAccessible(page);
    await snapshot(page, "register-errors");
    watch.assertClean();
  });

  test("a forged or reused confirmation link is refused and changes nothing", async ({ page }) => {
    await page.goto(`/verify-email?token=${"A".repeat(43)}`);
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(formAlert(page)).toContainText("not valid");

    const email = newEmail("reuse");
    await register(page, email);
    const link = await openLatestMail(page, email, "Confirm your email address");
    await page.goto(link!);
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(formStatus(page)).toContainText("confirmed");
    await page.goto(link!);
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(formAlert(page)).toContainText("already used");
  });

  test("forgot password, then reset from the emailed link: every old session is dead", async ({ browser, page }) => {
    const watch = watchPage(page);
    const email = await registeredUser(page, "reset");
    const elsewhere = await signedInContext(browser, email);

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // The sign-in page has an "Email address" field too: wait for the client-side navigation to land.
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(formStatus(page)).toContainText("a link to choose a new password is on its way");
    await snapshot(page, "forgot-password-sent");

    const link = await openLatestMail(page, email, "Reset your password");
    await page.goto(link!);
    await page.getByLabel("Password", { exact: true }).fill("copper kettle sings at dawn");
    await page.getByLabel("Confirm password").fill("copper kettle sings at dawn");
    await snapshot(page, "reset-password");
    await page.getByRole("button", { name: "Save my new password" }).click();
    await expect(formStatus(page)).toContainText("Your password is changed");

    await elsewhere.page.goto("/account");
    await expect(elsewhere.page).toHaveURL(/\/login/);
    await login(page, email, PASSWORD);
    await expect(formAlert(page)).toContainText("not right");
    await login(page, email, "copper kettle sings at dawn");
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(link!);
    await expect(page.getByText("This reset link is not valid any more")).toBeVisible();
    await openLatestMail(page, email, "Your password was changed");
    watch.assertClean();
  });

  test("change the password and the email address from the account page", async ({ browser, page }) => {
    const email = await registeredUser(page, "change");
    const other = await signedInContext(browser, email);
    await login(page, email);
    await expect(page).toHaveURL(/\/account$/);

    await page.getByLabel("Current password").first().fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("copper kettle sings at dawn");
    await page.getByLabel("Confirm new password").fill("copper kettle sings at dawn");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await page.getByLabel("Current password").first().fill(PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(formStatus(page).first()).toContainText("Your password is changed");
    await other.page.goto("/account");
    await expect(other.page).toHaveURL(/\/login/);

    const newAddress = newEmail("moved");
    await page.getByLabel("New email address").fill(newAddress);
    await page.getByRole("button", { name: "Send a confirmation link" }).click();
    await expect(page.getByText(`We sent a confirmation link to ${newAddress}`)).toBeVisible();
    await snapshot(page, "account-changes");

    const link = await openLatestMail(page, newAddress, "Confirm your new email address");
    await page.goto(link!);
    await page.getByRole("button", { name: "Confirm my new address" }).click();
    await expect(formStatus(page)).toContainText(`Your email address is now ${newAddress}`);
    await openLatestMail(page, email, "Your email address was changed");
    await page.goto("/account");
    await expect(page.getByText(`Signed in as ${newAddress}`)).toBeVisible();
  });
});
