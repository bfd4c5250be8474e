import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const strong = "k".repeat(20) + "Zq81mP0vT3xW5yB7nR";
const production: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://db/app",
  APP_URL: "https://app.example",
  AUTH_SECRET: `a-${strong}`,
  PASSWORD_PEPPER: `p-${strong}`,
  DATA_ENCRYPTION_KEY: `d-${strong}`,
  API_JWT_SECRET: `j-${strong}`,
};

describe("parseEnv", () => {
  it("gives development a working default: embedded database, info logs", () => {
    const env = parseEnv({ NODE_ENV: "test" });
    expect(env.DATABASE_URL).toBe("pglite:memory");
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.API_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.API_JWT_SECRET).not.toBe(env.AUTH_SECRET);
    expect(env.FORCE_HTTPS).toBe(false);
  });

  it("names every bad variable in one message", () => {
    let message = "";
    try {
      parseEnv({ NODE_ENV: "test", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", AUTH_SECRET: "short" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid environment/);
    for (const name of ["DATABASE_URL", "LOG_LEVEL", "AUTH_SECRET"]) expect(message).toContain(`${name}:`);
  });

  it("refuses to start production without a database URL and real secrets", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL: required[\s\S]*AUTH_SECRET: required[\s\S]*PASSWORD_PEPPER: required[\s\S]*DATA_ENCRYPTION_KEY: required[\s\S]*API_JWT_SECRET: required/,
    );
  });

  it("refuses the embedded database on Vercel and in a standalone (container) build, not in a local production run", () => {
    const embedded = { ...production, DATABASE_URL: "pglite:.data/pglite" };
    expect(() => parseEnv({ ...embedded, VERCEL: "1" })).toThrow(/DATABASE_URL: the embedded database cannot serve a Vercel deployment/);
    expect(() => parseEnv({ ...embedded, __NEXT_PRIVATE_STANDALONE_CONFIG: "{}" })).toThrow(
      /DATABASE_URL: the embedded database cannot serve a standalone \(container\) build/,
    );
    expect(parseEnv(embedded).DATABASE_URL).toBe("pglite:.data/pglite");
    expect(parseEnv({ ...production, VERCEL: "1" }).DATABASE_URL).toBe("postgres://db/app");
  });

  it("refuses placeholder secrets in production", () => {
    expect(() => parseEnv({ ...production, AUTH_SECRET: "changeme-changeme-changeme-changeme" })).toThrow(/AUTH_SECRET: is a placeholder/);
  });

  it("refuses production without its public URL", () => {
    expect(() => parseEnv({ ...production, APP_URL: "" })).toThrow(/APP_URL: required in production/);
  });

  it("refuses production when two secrets share a value", () => {
    expect(() => parseEnv({ ...production, DATA_ENCRYPTION_KEY: production.AUTH_SECRET })).toThrow(
      /DATA_ENCRYPTION_KEY: must differ from AUTH_SECRET/,
    );
    expect(() => parseEnv({ ...production, PASSWORD_PEPPER: production.DATA_ENCRYPTION_KEY })).toThrow(
      /DATA_ENCRYPTION_KEY: must differ from PASSWORD_PEPPER/,
    );
    // The API's signing key is a door of its own: the cookie secret must not sign access tokens.
    expect(() => parseEnv({ ...production, API_JWT_SECRET: production.AUTH_SECRET })).toThrow(
      /API_JWT_SECRET: must differ from AUTH_SECRET/,
    );
  });

  it("accepts a complete production environment and enforces HTTPS by default", () => {
    const env = parseEnv(production);
    expect(env.FORCE_HTTPS).toBe(true);
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("trusts no forwarding header unless proxies are declared", () => {
    expect(parseEnv(production).TRUST_PROXY_HOPS).toBe(0);
  });

  it("lets `next build` run without production secrets", () => {
    const previous = process.env.NEXT_PHASE;
    process.env.NEXT_PHASE = "phase-production-build";
    try {
      expect(() => parseEnv({ NODE_ENV: "production" })).not.toThrow();
    } finally {
      if (previous === undefined) delete process.env.NEXT_PHASE;
      else process.env.NEXT_PHASE = previous;
    }
  });
});

describe("parseEnv mail settings", () => {
  it("refuses the dev mailbox beside a real mail provider", () => {
    expect(() => parseEnv({ NODE_ENV: "test", DEV_MAILBOX: "true", RESEND_API_KEY: "re_123" })).toThrow(/DEV_MAILBOX/);
  });
});
