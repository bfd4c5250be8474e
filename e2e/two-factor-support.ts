import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { snapshot } from "./support";
import { login } from "./users";

// Two-factor steps as a person takes them; codes come from the enrolled secret through otplib, as an
// authenticator app would make them.

export const CHALLENGE = /\/login\/two-factor/;
/** A code for `steps` periods from now: the next one is still accepted, and newer than a code just used. */
export const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** Sets up two-factor from the settings page; returns the secret (read from the manual key) and the recovery codes. */
export async function enrol(page: Page, screenshots = false) {
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const key = page.getByTestId("manual-key");
  await expect(key).toBeVisible();
  const secret = (await key.innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  if (screenshots) await snapshot(page, "two-factor-enrol");

  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.locator("#code-error")).toContainText("not right");

  await page.getByLabel("Authentication code").fill(await codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  if (screenshots) await snapshot(page, "two-factor-recovery-codes");
  await page.getByRole("link", { name: "I have saved my codes, continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  return { secret, recoveryCodes };
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

export async function passCode(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

export async function passRecoveryCode(page: Page, code: string) {
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** A seeded account whose permissions require two-factor; its secret and session are kept under test-results/. */
export type TwoFactorAccount = { email: string; password: string; key: string };
const ADMIN: TwoFactorAccount = { email: "admin@example.com", password: "amber lighthouse keeps watch", key: "admin" };
export const MANAGER: TwoFactorAccount = { email: "manager@example.com", password: "seven copper kettles hum softly", key: "manager" };

/**
 * Signs a seeded account in, whatever the specs before did: enrols two-factor on first use (its permissions
 * require it) and keeps the secret for the rest of the run; each sign-in uses a step no earlier sign-in
 * used, since a code works once.
 */
async function signInWithTwoFactor(page: Page, account: TwoFactorAccount): Promise<void> {
  const stateFile = `test-results/${account.key}-totp.json`;
  await login(page, account.email, account.password);
  await expect(page).toHaveURL(/\/(account|login)\/two-factor/);
  if (page.url().includes("/account/two-factor")) {
    const { secret } = await enrol(page);
    mkdirSync("test-results", { recursive: true });
    writeFileSync(stateFile, JSON.stringify({ secret, lastStep: Math.floor(Date.now() / 30_000) }));
    return;
  }
  if (!existsSync(stateFile)) throw new Error(`${account.email} has two-factor on, but this run did not enrol it`);
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { secret: string; lastStep: number };
  let step = Math.max(Math.floor(Date.now() / 30_000), state.lastStep + 1);
  while (step > Math.floor(Date.now() / 30_000) + 1) await page.waitForTimeout(1_000); // beyond the window: wait
  step = Math.max(step, Math.floor(Date.now() / 30_000));
  await passCode(page, await generate({ secret: state.secret, epoch: step * 30 + 1 }));
  writeFileSync(stateFile, JSON.stringify({ ...state, lastStep: step }));
  await expect(page).not.toHaveURL(CHALLENGE);
}

/** A browser context signed in as the account, reusing this run's earlier sign-in when it still works. */
export async function twoFactorContext(
  browser: Browser,
  headers: Record<string, string>,
  account: TwoFactorAccount,
): Promise<{ context: BrowserContext; page: Page }> {
  const cookies = `test-results/${account.key}-storage.json`;
  if (existsSync(cookies)) {
    const context = await browser.newContext({ storageState: cookies, extraHTTPHeaders: headers });
    const page = await context.newPage();
    await page.goto("/account");
    if (/\/account$/.test(page.url())) return { context, page };
    await context.close();
  }
  const context = await browser.newContext({ extraHTTPHeaders: headers });
  const page = await context.newPage();
  await signInWithTwoFactor(page, account);
  await context.storageState({ path: cookies });
  return { context, page };
}

export const adminContext = (browser: Browser, headers: Record<string, string>) => twoFactorContext(browser, headers, ADMIN);
