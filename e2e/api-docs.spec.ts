import { expect, test } from "@playwright/test";
import { snapshot, watchPage } from "./support";

test("the API reference renders the document from this server, under the CSP, with no console error", async ({ page }) => {
  const watch = watchPage(page);
  const csp = (await page.goto("/api/docs"))?.headers()["content-security-policy"] ?? "";
  // Inline styles for Scalar on this page only; scripts stay nonce-only, never eval.
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;| )/);
  expect(csp).not.toContain("unsafe-eval");
  await expect(page.getByText("List projects: pages, sort, search and filters").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Create a project").first()).toBeVisible();
  // Scalar's card headings take the size of their card's text, not Bootstrap's global h2 size (app/api/docs/api-docs.css).
  const authentication = page.locator("h2", { hasText: "Authentication" }).first();
  await expect(authentication).toBeVisible();
  const [headingSize, cardSize] = await authentication.evaluate((heading) => [
    parseFloat(getComputedStyle(heading).fontSize),
    parseFloat(getComputedStyle(heading.parentElement!).fontSize),
  ]);
  expect(headingSize).toBe(cardSize);
  expect(headingSize).toBeLessThanOrEqual(16);
  await snapshot(page, "api-docs");
  watch.assertClean();
});
