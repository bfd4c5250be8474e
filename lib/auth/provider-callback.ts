import "server-only";
import type { Account, Profile, User } from "next-auth";
import { identityFromProfile } from "@/lib/accounts/provider-identity";
import { confirmWithProvider, linkProvider } from "@/lib/accounts/provider-links";
import { providerRefusal } from "@/lib/accounts/provider-refusals";
import { signInWithProvider } from "@/lib/accounts/provider-sign-in";
import { safeNextPath } from "@/lib/http/safe-next-path";
import type { Outcome } from "@/lib/outcome";
import { currentRequestContext } from "@/lib/request-context";
import { sessionCookieToken } from "./cookie-session";
import { takeProviderIntent } from "./provider-intent";
import { configuredProvider, type ConfiguredProvider } from "./provider-list";
import { findActiveSession } from "./sessions";

// Auth.js's signIn callback for GitHub, Google and OIDC: the person came back from the provider, which
// vouched for them. We decide what that means (sign-in, a new account, a link, a confirmation) in
// lib/accounts, and answer Auth.js with `true` (go on and write the session cookie) or a page to go to
// instead (nothing written). Refusals travel to that page as a code it words (lib/accounts/provider-refusals.ts).

/** Auth.js hands this same object to the jwt callback, which puts the session secret in the cookie. */
export type ProviderSignedInUser = User & { sessionSecret?: string };

export async function handleProviderCallback(
  user: ProviderSignedInUser,
  account: Account,
  profile: Profile | undefined,
): Promise<true | string> {
  const provider = configuredProvider(account.provider);
  if (!provider) return "/login?error=provider_failed";
  const identity = identityFromProfile(provider.id, profile);
  const context = await currentRequestContext();
  const intent = await intentOfThisSession(provider);

  if (intent) {
    if (!identity) return accountPage(provider, providerRefusal("provider_failed", provider.label), intent.kind, intent.returnTo);
    const caller = { id: intent.userId, sessionId: intent.sessionId };
    const outcome =
      intent.kind === "link" ? await linkProvider(caller, identity, context) : await confirmWithProvider(caller, identity, context);
    return accountPage(provider, outcome, intent.kind, intent.returnTo);
  }

  if (!identity) return loginPage(provider, "provider_failed");
  const signedIn = await signInWithProvider(identity, context);
  if (!signedIn.ok) return loginPage(provider, signedIn.code);
  user.id = signedIn.value.userId;
  user.sessionSecret = signedIn.value.sessionSecret;
  return true;
}

/** The /account intent, when it was set by the session this browser still holds (fully signed in). */
async function intentOfThisSession(provider: ConfiguredProvider) {
  const intent = await takeProviderIntent();
  if (!intent || intent.provider !== provider.id) return null;
  const session = await findActiveSession((await sessionCookieToken())?.sid);
  if (!session || session.twoFactorPending || session.id !== intent.sessionId) return null;
  return { ...intent, userId: session.userId };
}

function loginPage(provider: ConfiguredProvider, code: string): string {
  return `/login?${new URLSearchParams({ error: code, provider: provider.id })}`;
}

/** Back to the page that started it (/account, or the two-factor page for a confirmation), with the result. */
function accountPage(provider: ConfiguredProvider, outcome: Outcome, kind: "link" | "confirm", returnTo: string): string {
  const back = new URL(safeNextPath(returnTo), "http://here");
  back.searchParams.set(outcome.ok ? "provider_done" : "provider_error", outcome.ok ? kind : outcome.code);
  back.searchParams.set("provider", provider.id);
  return `${back.pathname}${back.search}${kind === "link" ? "#sign-in-methods-heading" : ""}`;
}
