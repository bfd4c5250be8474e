import { expect, test } from "@playwright/test";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { formStatus, login, registeredUser } from "./users";

// A personal access token from the page to the API and back: created at /account/tokens, copied from the page,
// used with no cookie at all, then revoked on the page, after which the API refuses it.

test.describe.configure({ timeout: 120_000 });

test("create a token, call the API with it, revoke it", async ({ page, request }) => {
  const watch = watchPage(page);
  await page.setExtraHTTPHeaders(visitorHeaders());
  const email = await registeredUser(page, "pat");
  await login(page, email);
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
  await page.getByRole("link", { name: "Manage API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  // A fresh sign-in counts as confirming it's you, so the form is there.
  await page.getByLabel("Name").fill("Reporting script");
  await page.getByRole("checkbox", { name: /projects:read\b/ }).check();
  await page.getByLabel("Expires after (days)").fill("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible({ timeout: 15_000 });
  await expect(formStatus(page)).toContainText("It will not be shown again");
  const token = await shown.inputValue();
  expect(token).toMatch(/^[a-z]+_[0-9A-Za-z]{38}$/);
  const row = page.getByTestId("token-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Reporting script");
  await expect(row).toContainText(`${token.slice(0, token.indexOf("_") + 9)}…`);
  await expect(row).toContainText("projects:read");
  await expectAccessible(page);
  // The table scrolls inside its own box on a narrow screen; the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await snapshot(page, "api-tokens");

  // Playwright's `request` fixture shares no cookies with the page: the token alone speaks.
  const headers = { Authorization: `Bearer ${token}`, ...visitorHeaders() };
  const ok = await request.get("/api/v1/projects", { headers });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ items: expect.any(Array) });

  // Last use shows after a reload.
  await page.reload();
  await expect(row).not.toContainText("never");

  // Rename inline.
  await row.getByRole("button", { name: "Rename Reporting script" }).click();
  await row.getByLabel("New name").fill("Nightly report");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Nightly report");

  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("revoked");
  await snapshot(page, "api-tokens-revoked");
  const refused = await request.get("/api/v1/projects", { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "invalid_token" });
  watch.assertClean();
});
