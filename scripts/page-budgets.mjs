// Fails when a key page's first load outgrows its budget (scripts/page-budgets.json): run after `next build`.
// Byte counts from the build's manifests (scripts/page-weight.mjs), so the check needs no server and gives the
// same answer on every run, unlike timings. Prints a table either way; exits 1 when any page is over.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { pageWeight, runtimeWeight } from "./page-weight.mjs";

/** What a page may add to the framework's own runtime, whatever its budget says. */
const FRAMEWORK_MARGIN_KB = 10;
const { pages } = JSON.parse(readFileSync(new URL("./page-budgets.json", import.meta.url), "utf8"));

/** The key pages' first-load weights against their budgets, as printable lines, and what is over. */
export function budgetReport(distDir = ".next") {
  const width = Math.max(...pages.map((page) => page.path.length));
  const row = (first, cells) => `${first.padEnd(width)} ${cells.map((cell) => String(cell).padStart(7)).join("  ")}`;
  const runtime = runtimeWeight(distDir);
  const line = Math.round((runtime + FRAMEWORK_MARGIN_KB) * 10) / 10;
  const lines = [`framework runtime: JS ${runtime} KB gzip; no page past ${line} KB`, row("page", ["JS KB", "budget", "CSS KB", "budget"])];
  const over = [];
  for (const page of pages) {
    const { jsKB, cssKB } = pageWeight(page.route, distDir);
    if (jsKB > page.jsKB) over.push(`${page.path}: JavaScript ${jsKB} KB is over its ${page.jsKB} KB budget`);
    if (jsKB > line) over.push(`${page.path}: JavaScript ${jsKB} KB is more than ${FRAMEWORK_MARGIN_KB} KB over the framework's runtime`);
    if (cssKB > page.cssKB) over.push(`${page.path}: CSS ${cssKB} KB is over its ${page.cssKB} KB budget`);
    lines.push(row(page.path, [jsKB, page.jsKB, cssKB, page.cssKB]));
  }
  return { lines, over };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { lines, over } = budgetReport();
  console.log(`First-load weight of the key pages (KB gzip, scripts/page-budgets.json)\n${lines.join("\n")}`);
  if (over.length) {
    console.error(
      `\nOver budget:\n  ${over.join("\n  ")}\nMake the page lighter, or raise its budget in the same commit and say why (the line above the runtime stays).`,
    );
    process.exit(1);
  }
}
