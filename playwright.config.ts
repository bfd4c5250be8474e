import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// E2E runs against a production build (`next build`, then server.mjs as `npm start` runs it). The database is a fresh
// embedded PGlite by default, or the PostgreSQL named by E2E_DATABASE_URL (CI uses a throwaway one).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? "pglite:.data/e2e";
/** e2e/oidc.spec.ts starts a local OpenID Connect issuer (oauth2-mock-server) here; the app is configured for it. */
export const oidcIssuerUrl = `http://127.0.0.1:${port + 1000}`;
export const oidcProviderName = "Example SSO";
const resetEmbedded = databaseUrl.startsWith("pglite:") ? `rm -rf ${databaseUrl.slice("pglite:".length)} && ` : "";

// Playwright's own browser where it is installed; otherwise a system Chromium (Debian: /usr/bin/chromium).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const serverEnv = {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64"),
  PASSWORD_PEPPER: process.env.E2E_PASSWORD_PEPPER ?? randomBytes(32).toString("base64"),
  DATA_ENCRYPTION_KEY: process.env.E2E_DATA_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  API_JWT_SECRET: process.env.E2E_API_JWT_SECRET ?? randomBytes(32).toString("base64"),
  FORCE_HTTPS: "false",
  LOG_LEVEL: "warn",
  // Links in emails point at this server, and the dev mailbox is on so tests can read them.
  APP_URL: baseURL,
  DEV_MAILBOX: "true",
  // Resend's webhook, which e2e/email-suppression.spec.ts signs deliveries for.
  RESEND_WEBHOOK_SECRET: process.env.E2E_RESEND_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString("base64")}`,
  // Composed emails go out at this rate (the provider's limit in production): the journeys need not wait.
  EMAIL_SEND_RATE: "20",
  // The test harness plays the trusted proxy: visitorHeaders() gives each test its own client address.
  TRUST_PROXY_HOPS: "1",
  // Sign-in through that issuer; nothing talks to it until a test presses its button.
  AUTH_OIDC_ISSUER: oidcIssuerUrl,
  AUTH_OIDC_ID: "cornerstone-e2e",
  AUTH_OIDC_SECRET: "e2e-client-secret",
  AUTH_OIDC_NAME: oidcProviderName,
};
// Child processes (webServer, specs that start their own server) read the same secrets.
process.env.E2E_AUTH_SECRET = serverEnv.AUTH_SECRET;
process.env.E2E_PASSWORD_PEPPER = serverEnv.PASSWORD_PEPPER;
process.env.E2E_DATA_ENCRYPTION_KEY = serverEnv.DATA_ENCRYPTION_KEY;
process.env.E2E_API_JWT_SECRET = serverEnv.API_JWT_SECRET;
process.env.E2E_RESEND_WEBHOOK_SECRET = serverEnv.RESEND_WEBHOOK_SECRET;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry in CI, so a single stray browser event cannot block a landing; a retried pass is reported as
  // "flaky" in the list output, and a test that fails twice still fails the run.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Seeded as in development, so the demo accounts (an administrator among them) exist to test with.
    command: `${resetEmbedded}NODE_ENV=development npm run db:setup --silent -- --demo && HOSTNAME=127.0.0.1 PORT=${port} node server.mjs`,
    url: `${baseURL}/api/health/live`,
    env: { ...serverEnv, NODE_ENV: "production" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
