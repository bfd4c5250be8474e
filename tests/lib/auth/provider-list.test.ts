import { describe, expect, it } from "vitest";
import { configuredProvider, configuredProviders } from "@/lib/auth/provider-list";
import { parseEnv } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security-headers";

// Which sign-in providers are offered is the environment's call alone, and the CSP's form-action opens for
// exactly those providers' sign-in pages.

const all = parseEnv({
  NODE_ENV: "test",
  AUTH_GITHUB_ID: "gh-id",
  AUTH_GITHUB_SECRET: "gh-secret",
  AUTH_GOOGLE_ID: "google-id",
  AUTH_GOOGLE_SECRET: "google-secret",
  AUTH_OIDC_ISSUER: "https://login.example.com/realms/staff",
  AUTH_OIDC_ID: "oidc-id",
  AUTH_OIDC_SECRET: "oidc-secret",
  AUTH_OIDC_NAME: "Staff login",
});

describe("sign-in providers from the environment", () => {
  it("offers none when none is configured", () => {
    expect(configuredProviders(parseEnv({ NODE_ENV: "test" }))).toEqual([]);
    expect(configuredProvider("github", parseEnv({ NODE_ENV: "test" }))).toBeNull();
  });

  it("offers each configured provider with its label and sign-in origin", () => {
    expect(configuredProviders(all)).toEqual([
      { id: "github", label: "GitHub", authorizationOrigin: "https://github.com" },
      { id: "google", label: "Google", authorizationOrigin: "https://accounts.google.com" },
      { id: "oidc", label: "Staff login", authorizationOrigin: "https://login.example.com" },
    ]);
    expect(configuredProvider("credentials", all)).toBeNull();
  });

  it("refuses to start with half a provider configured", () => {
    expect(() => parseEnv({ NODE_ENV: "test", AUTH_GITHUB_ID: "gh-id" })).toThrow(/AUTH_GITHUB_SECRET: required with AUTH_GITHUB_ID/);
    expect(() => parseEnv({ NODE_ENV: "test", AUTH_OIDC_ID: "x", AUTH_OIDC_SECRET: "y" })).toThrow(/AUTH_OIDC_ISSUER: required with/);
    expect(() => parseEnv({ NODE_ENV: "test", AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_ID: "x", AUTH_OIDC_SECRET: "y" })).toThrow(
      /AUTH_OIDC_ISSUER/,
    );
  });

  it("lets forms go to the configured providers' sign-in pages and nowhere else", () => {
    const origins = configuredProviders(all).map((p) => p.authorizationOrigin);
    const policy = contentSecurityPolicy("n", { production: true, formActionOrigins: origins });
    expect(policy).toContain("form-action 'self' https://github.com https://accounts.google.com https://login.example.com;");
    expect(contentSecurityPolicy("n", { production: true })).toContain("form-action 'self';");
  });
});
