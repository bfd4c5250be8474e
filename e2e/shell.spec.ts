import { expect, test } from "@playwright/test";
import { systemConfig } from "../system.config";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext } from "./two-factor-support";

test.describe("the application shell", () => {
  test("landing page: named by the config, nonce CSP and security headers, no violations", async ({ page }) => {
    const watch = watchPage(page);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);

    const headers = response!.headers();
    const csp = headers["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toContain("max-age=");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["x-powered-by"]).toBeUndefined();

    // Every script the server sends carries this response's nonce ('strict-dynamic' then trusts the chunks
    // those scripts load later).
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);

    await expect(page).toHaveTitle(systemConfig.name);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: systemConfig.name })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toContainText(systemConfig.name);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(systemConfig.name);
    await expectAccessible(page);
    await snapshot(page, "home-light");
    watch.assertClean();
  });

  // server.mjs reuses a render of these pages for visitors without cookies (server/anonymous-page-cache.mjs). That is
  // only sound while two renders differ in nothing but the nonce, and while each copy carries a nonce of its own.
  test("the pages a visitor without cookies sees differ only in their nonce, and each copy has its own", async ({ request }) => {
    const fetchPage = async (path: string, headers: Record<string, string> = {}) => {
      const response = await request.get(path, { headers: { ...visitorHeaders(), ...headers } });
      expect(response.status()).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")![1]!;
      const body = await response.text();
      expect(body).toContain(`nonce="${nonce}"`);
      return { nonce, body: body.replaceAll(nonce, "NONCE") };
    };
    for (const path of ["/", "/login", "/register", "/forgot-password"]) {
      // A cookie goes past the cache: these are two real renders.
      const rendered = [await fetchPage(path, { cookie: "probe=1" }), await fetchPage(path, { cookie: "probe=1" })];
      expect(rendered[1]!.body, path).toBe(rendered[0]!.body);
      const copies = [await fetchPage(path), await fetchPage(path), await fetchPage(path)];
      expect(new Set([...rendered, ...copies].map((copy) => copy.nonce)).size, path).toBe(5);
      for (const copy of copies) expect(copy.body, path).toBe(rendered[0]!.body);
    }
  });

  test("skip link jumps to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await skip.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("in-app links move between pages without reloading; a modifier click is left to the browser", async ({ page, context }) => {
    const watch = watchPage(page);
    await page.goto("/");
    // A full page load would drop this.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    // Ctrl (⌘ on a Mac) + click opens the page in a new tab, and this one stays where it is.
    const [opened] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name: "Create an account" }).click({ modifiers: ["ControlOrMeta"] }),
    ]);
    await expect(opened).toHaveURL(/\/register$/);
    await expect(page).toHaveURL(/\/login$/);
    watch.assertClean();
  });

  test("the theme toggle switches to dark and the choice survives a reload", async ({ page }) => {
    const watch = watchPage(page);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-bs-theme", "light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(html).toHaveAttribute("data-bs-theme", "dark");
    await page.reload();
    await expect(html).toHaveAttribute("data-bs-theme", "dark");
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
    await expectAccessible(page);
    await snapshot(page, "home-dark");
    watch.assertClean();
  });

  test("without a saved choice the theme follows the system preference", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "dark");
  });

  test("on a phone the navbar collapses behind a toggler", async ({ page }) => {
    const watch = watchPage(page);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/");
    const toggle = page.getByRole("button", { name: "Toggle navigation" });
    await expect(toggle).toBeVisible();
    await expect(page.getByTestId("theme-toggle")).toBeHidden();
    await toggle.click();
    await expect(page.getByTestId("theme-toggle")).toBeVisible();
    await snapshot(page, "home-mobile-menu");
    watch.assertClean();
  });

  test("status page: the status for everyone, the details for administrators only", async ({ page, browser }) => {
    const watch = watchPage(page);
    await page.goto("/status");
    await expect(page).toHaveTitle(`System status · ${systemConfig.name}`);
    await expect(page.getByRole("status")).toHaveText("All systems operational.");
    await expect(page.getByText(/round trip|Up for|Version/)).toHaveCount(0);
    await expectAccessible(page);
    watch.assertClean();

    const { context, page: admin } = await adminContext(browser, visitorHeaders());
    await admin.goto("/status");
    await expect(admin.getByText(/\d+(\.\d+)? ms round trip/)).toBeVisible();
    await expect(admin.getByText("Up for")).toBeVisible();
    await snapshot(admin, "status");
    await context.close();
  });

  test("an unknown page answers 404 with the styled not-found page", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the home page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await snapshot(page, "not-found");
  });
});
