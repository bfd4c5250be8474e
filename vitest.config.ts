import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: `${root}$1` },
      // Next swaps this marker for an empty module on the server; tests are server code too.
      { find: "server-only", replacement: `${root}node_modules/server-only/empty.js` },
    ],
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.{ts,tsx}"],
    // The PostgreSQL run (TEST_DATABASE_URL) skips what never reaches that database and already ran on PGlite:
    // the scripts' tests (each on an embedded folder of its own) and the static checks of the source. The PGlite run
    // skips *.postgres.test.ts: what only a server shows (other sessions' locks, pg_dump), which PGlite has not, and
    // the fault tests (tests/lib/faults), which need PostgreSQL behind a TCP relay.
    // tests/scale-out starts production servers on a build: `npm run test:scale-out` (vitest.scale-out.config.ts).
    exclude: [
      ...configDefaults.exclude,
      "tests/scale-out/**",
      ...(process.env.TEST_DATABASE_URL ? ["tests/scripts/**", "tests/lint/**"] : ["tests/**/*.postgres.test.ts", "tests/lib/faults/**"]),
    ],
    setupFiles: ["tests/helpers/setup.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    pool: "forks",
    // Two cores: PGlite start-up and bcrypt are CPU-bound, more workers only contend.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
