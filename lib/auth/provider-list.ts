import "server-only";
import { env as processEnv, type Env } from "@/lib/env";

// The sign-in providers this deployment offers, decided by the environment alone: none set, none offered.

import type { ProviderId } from "./provider-ids";

export type ConfiguredProvider = {
  id: ProviderId;
  label: string;
  /**
   * Where the browser is sent to sign in. The sign-in form's POST answers with a redirect there, and Chrome
   * holds that redirect to the CSP's form-action, so these origins (and only these) are allowed there.
   */
  authorizationOrigin: string;
};

export function configuredProviders(env: Env = processEnv): ConfiguredProvider[] {
  const providers: ConfiguredProvider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push({ id: "github", label: "GitHub", authorizationOrigin: "https://github.com" });
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push({ id: "google", label: "Google", authorizationOrigin: "https://accounts.google.com" });
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    // Issuers serve their authorization endpoint from their own origin (Keycloak, Auth0, Entra, Okta, Dex…).
    providers.push({ id: "oidc", label: env.AUTH_OIDC_NAME, authorizationOrigin: new URL(env.AUTH_OIDC_ISSUER).origin });
  }
  return providers;
}

/** A configured provider by id, or null: anything a URL or a form names goes through here first. */
export function configuredProvider(id: unknown, env: Env = processEnv): ConfiguredProvider | null {
  return configuredProviders(env).find((provider) => provider.id === id) ?? null;
}
