import { expect, type Page } from "@playwright/test";
import { openLatestMail } from "./mailbox";

// People for the journeys: a new account per test, registered and confirmed through the real pages.

export const PASSWORD = "lantern orbit quietly 1984";
// Next's route announcer is a role=alert too: aim at the form's own messages.
export const formAlert = (page: Page) => page.locator("div.alert[role=alert]");
export const formStatus = (page: Page) => page.locator("div.alert[role=status]");

export function newEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

export async function register(page: Page, email: string, firstName = "Grace") {
  await page.goto("/register");
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Last name").fill("Tester");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Date of birth").fill("1990-12-09");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password (bcrypt on a worker) takes seconds on a busy two-core machine.
  await expect(formStatus(page)).toContainText("Check your inbox", { timeout: 15_000 });
}

export async function verify(page: Page, email: string) {
  const link = await openLatestMail(page, email, "Confirm your email address");
  expect(link).toContain("/verify-email?token=");
  await page.goto(link!);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(formStatus(page)).toContainText("Your email address is confirmed");
}

/** Signs in on /login (or on the sign-in page already open, with its ?next=, when keepUrl is set). */
export async function login(page: Page, email: string, password = PASSWORD, { keepUrl = false } = {}) {
  if (!keepUrl) await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function registeredUser(page: Page, label: string): Promise<string> {
  const email = newEmail(label);
  await register(page, email);
  await verify(page, email);
  return email;
}
