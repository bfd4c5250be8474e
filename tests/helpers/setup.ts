import { readFileSync } from "node:fs";
import { inject, vi } from "vitest";

// Integration tests run the data layer on an in-memory PGlite by default, and on PostgreSQL when
// TEST_DATABASE_URL names a (throwaway) database.
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
else delete process.env.DATABASE_URL;
// Expected errors (a handler made to throw) would otherwise fill the output; LOG_LEVEL=debug shows all.
process.env.LOG_LEVEL ??= "silent";

// Tests render pages with react-dom/server, outside the app router Next mounts around them, and the in-app links
// (components/link.tsx) ask for that router; rendering never calls it.
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  useRouter: () => ({}),
}));

// Every in-memory database starts as a copy of the one global-setup.ts migrated.
vi.mock("@/lib/db-connection", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db-connection")>();
  const template = inject("pgliteTemplate");
  if (!template) return real;
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const openConnection: typeof real.openConnection = (url, options) => {
    if (url !== "pglite:memory") return real.openConnection(url, options);
    const pglite = new PGlite({ ...real.pgliteOptions, loadDataDir: new Blob([readFileSync(template)]) });
    return {
      kind: "pglite",
      label: "pglite (in memory, from the migrated template)",
      factory: new PrismaPGlite(pglite),
      ready: () => pglite.waitReady,
      close: () => pglite.close(),
    };
  };
  return { ...real, openConnection };
});
