import "server-only";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { githubPrimaryEmail } from "@/lib/accounts/provider-identity";
import { env } from "@/lib/env";
import { systemConfig } from "@/system.config";
import { configuredProviders } from "./provider-list";

// Auth.js's provider objects for what the environment switched on. Every flow carries PKCE and a state
// (OIDC ones a nonce too): a code or a callback this browser did not start is refused.

const apiHeaders = (accessToken: unknown) => ({ Authorization: `Bearer ${String(accessToken)}`, "User-Agent": systemConfig.name });

/**
 * GitHub's profile names a public address, if any, and never says whether GitHub verified it. Its address
 * list does: use the primary address and say whether it is verified (lib/accounts/provider-identity.ts).
 */
async function githubProfileWithVerifiedEmail({ tokens }: { tokens: { access_token?: string } }) {
  const profile = await fetch("https://api.github.com/user", { headers: apiHeaders(tokens.access_token) }).then((r) => r.json());
  const emails = await fetch("https://api.github.com/user/emails", { headers: apiHeaders(tokens.access_token) }).then((r) =>
    r.ok ? r.json() : [],
  );
  const primary = githubPrimaryEmail(emails);
  return { ...profile, email: primary?.email ?? null, email_verified: primary?.verified ?? false };
}

export function authProviders(): Provider[] {
  return configuredProviders().map((provider): Provider => {
    switch (provider.id) {
      case "github":
        return GitHub({
          clientId: env.AUTH_GITHUB_ID,
          clientSecret: env.AUTH_GITHUB_SECRET,
          checks: ["pkce", "state"],
          userinfo: { url: "https://api.github.com/user", request: githubProfileWithVerifiedEmail },
        });
      case "google":
        return Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET, checks: ["pkce", "state", "nonce"] });
      case "oidc":
        return {
          id: "oidc",
          name: provider.label,
          type: "oidc",
          issuer: env.AUTH_OIDC_ISSUER,
          clientId: env.AUTH_OIDC_ID,
          clientSecret: env.AUTH_OIDC_SECRET,
          checks: ["pkce", "state", "nonce"],
        };
    }
  });
}
