import { expect, test } from "@playwright/test";
import { openLatestMail } from "./mailbox";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { formAlert, formStatus, login, newEmail, PASSWORD, registeredUser } from "./users";

// Guarding the account against whoever holds a session: the old address hears of an email change at once
// and can cancel it. (Refusals after the "confirm it's you" window are covered by the integration tests:
// the window is ten minutes of server time.)

test.describe.configure({ timeout: 90_000 });
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

// This spec sorts first: on a cold, busy server the first password hash (bcrypt workers starting) can take
// longer than the shared helpers' five-second wait, so one registration warms it up with a longer one.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ extraHTTPHeaders: visitorHeaders() });
  await page.goto("/register");
  await page.getByLabel("First name").fill("Warm");
  await page.getByLabel("Last name").fill("Up");
  await page.getByLabel("Email address").fill(newEmail("warm-up"));
  await page.getByLabel("Date of birth").fill("1990-12-09");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formStatus(page)).toContainText("Check your inbox", { timeout: 60_000 });
  await page.close();
});

test("an incomplete cancel link says so and offers nothing to press", async ({ page }) => {
  await page.goto("/cancel-email-change");
  await expect(page.getByRole("alert").filter({ hasText: "This cancel link is incomplete." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel the change" })).toHaveCount(0);
});

test("the old address is told of an email change and cancels it; the confirmation link then fails", async ({ page }) => {
  const watch = watchPage(page);
  const email = await registeredUser(page, "cancel");
  await login(page, email);
  await expect(page).toHaveURL(/\/account$/);

  // Signed in moments ago: that counts as confirming it's you, so the form is there at once.
  const newAddress = newEmail("taken-over");
  await page.getByLabel("New email address").fill(newAddress);
  await page.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(page.getByText(`We sent a confirmation link to ${newAddress}`)).toBeVisible();

  const cancelLink = await openLatestMail(page, email, "Your email address is about to change");
  expect(cancelLink).toContain("/cancel-email-change?token=");
  await expect(page.getByText(newAddress).first()).toBeVisible();
  await snapshot(page, "mail-email-change-requested");

  // Opening the link (as a mail scanner would, twice) changes nothing: only the button does.
  await page.goto(cancelLink!);
  await page.goto(cancelLink!);
  await expect(page.getByRole("heading", { name: "Cancel an email change" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "cancel-email-change");
  await page.getByRole("button", { name: "Cancel the change" }).click();
  await expect(formStatus(page)).toContainText("The change is cancelled");
  await expect(page.getByRole("link", { name: "Reset my password" })).toBeVisible();
  await snapshot(page, "cancel-email-change-done");

  const confirmLink = await openLatestMail(page, newAddress, "Confirm your new email address");
  await page.goto(confirmLink!);
  await page.getByRole("button", { name: "Confirm my new address" }).click();
  await expect(formAlert(page)).toContainText("not valid");

  await page.goto(cancelLink!);
  await page.getByRole("button", { name: "Cancel the change" }).click();
  await expect(formAlert(page)).toContainText("does not work any more");

  await page.goto("/account");
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  watch.assertClean();
});
