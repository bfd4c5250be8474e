import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const screenshotDir = "e2e/screenshots";

/**
 * Watches a page for what must never happen: a CSP violation, a console error, an uncaught exception.
 * Call before the first navigation; `assertClean()` at the end of the test.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    // The init script below cannot run inside the dev mailbox's sandboxed email frame: that is the sandbox working.
    if (message.type() === "error" && !/frame is sandboxed and the 'allow-scripts' permission is not set/.test(message.text())) {
      const { url } = message.location();
      problems.push(`console: ${message.text()}${url ? ` (${url})` : ""}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Reported by the browser itself, whatever the console shows.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return {
    problems,
    assertClean: () => expect(problems, problems.join("\n")).toEqual([]),
  };
}

/** Saves a full-page screenshot under e2e/screenshots/ for a person to look at. */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true, animations: "disabled" });
}

/**
 * Fails on any serious or critical WCAG 2.1 AA violation. `exclude`: selectors axe leaves out, frames included:
 * a sandboxed email frame (`iframe[name="email-preview"]`) runs no script, so axe's injection into it never
 * answers; excluded, axe never reaches into it (its options' `iframes: false` does not stop that reach).
 */
export async function expectAccessible(page: Page, { exclude = [] }: { exclude?: string[] } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious.map(
    (violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(report).toEqual([]);
}

/**
 * A made-up client address (TEST-NET-3), so per-address rate limits see each test as its own visitor. The
 * shared e2e server trusts one proxy hop (TRUST_PROXY_HOPS=1): the test plays that proxy.
 */
export function visitorHeaders(): Record<string, string> {
  return { "x-forwarded-for": `203.0.113.${1 + Math.floor(Math.random() * 254)}` };
}
