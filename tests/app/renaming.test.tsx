import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// Renaming the system is an edit to system.config.ts and nothing else. This renders the shell with another
// name and looks for the old one, then scans the source for the default name written anywhere else.

const DEFAULT_NAME = "Cornerstone";
const NEW_NAME = "Acme Ledger";

vi.mock("@/system.config", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/system.config")>();
  return { systemConfig: { ...original.systemConfig, name: NEW_NAME, shortName: "Acme" } };
});
// The shell signed out: no session lookup, and no server actions to load outside Next.
vi.mock("@/lib/auth/current-user", () => ({ currentSession: async () => ({ stage: "anonymous" }) }));
vi.mock("@/lib/auth/sign-out-action", () => ({ logoutAction: async () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-nonce": "test-nonce" }),
  cookies: async () => ({ get: () => undefined }),
}));

describe("renaming through system.config.ts", () => {
  it("renames the page titles", async () => {
    const { metadata } = await import("@/app/layout");
    expect(metadata.title).toEqual({ default: NEW_NAME, template: `%s · ${NEW_NAME}` });
    expect(metadata.applicationName).toBe(NEW_NAME);
  });

  it("renames the navbar, the footer and the landing page", async () => {
    const { default: RootLayout } = await import("@/app/layout");
    const { default: HomePage } = await import("@/app/page");
    const html = renderToStaticMarkup(await RootLayout({ children: <HomePage /> }));
    expect(html).toMatch(new RegExp(`<a (?=[^>]*class="navbar-brand)(?=[^>]*href="/")[^>]*>${NEW_NAME}</a>`));
    expect(html).toMatch(new RegExp(`<footer[\\s\\S]*${NEW_NAME}[\\s\\S]*</footer>`));
    expect(html).toContain(`<h1 class="display-5 fw-bold">${NEW_NAME}</h1>`);
    expect(html).not.toContain(DEFAULT_NAME);
  });

  it("finds the default name nowhere in the source but system.config.ts", () => {
    const root = process.cwd();
    const sourceRoots = ["app", "components", "lib", "scripts", "prisma", "proxy.ts", "next.config.ts", "instrumentation.ts"];
    const offenders: string[] = [];
    const visit = (target: string) => {
      const full = path.join(root, target);
      if (statSync(full).isDirectory()) {
        for (const entry of readdirSync(full)) visit(path.join(target, entry));
      } else if (
        /\.(tsx?|mjs|css|prisma|sql|svg)$/.test(target) &&
        readFileSync(full, "utf8").toLowerCase().includes(DEFAULT_NAME.toLowerCase())
      ) {
        offenders.push(target);
      }
    };
    sourceRoots.forEach(visit);
    expect(offenders).toEqual([]);
  });
});
