import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { createSession } from "@/lib/auth/sessions";
import { configuredProvider } from "@/lib/auth/provider-list";
import { db } from "@/lib/db";
import { done, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { seedRoles } from "@/lib/seed";
import type { ProviderIdentity } from "./provider-identity";
import { providerRefusal, type ProviderRefusalCode } from "./provider-refusals";

// Signing in through GitHub, Google or an OIDC issuer. Only an existing link (made while signed in, see
// provider-links.ts) leads to an existing account: a matching email never does, so whoever controls some
// provider account with your address cannot walk into your account. A new account needs an address the
// provider vouches for; it starts with that address verified and no password.

const defaultRole = seedRoles.find((role) => role.name === "user")!;

export type ProviderSignIn = { userId: string; sessionSecret: string; twoFactorPending: boolean; created: boolean };

export async function signInWithProvider(identity: ProviderIdentity, context: RequestContext): Promise<Outcome<ProviderSignIn>> {
  const method = identity.provider;
  const link = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, status: true, deletedAt: true, twoFactorEnabledAt: true } } },
  });
  if (link) {
    const { user } = link;
    const target = { type: "user", id: user.id };
    if (user.status !== "ACTIVE" || user.deletedAt) {
      await audit({ action: "user.login_failed", actorId: user.id, target, context, details: { method, reason: "disabled" } });
      return refusal("account_disabled", identity);
    }
    // Two-factor still applies: the session waits for the code like after a password.
    const twoFactorPending = user.twoFactorEnabledAt !== null;
    const sessionSecret = await createSession(user.id, { rememberMe: false, context, twoFactorPending });
    // With two-factor on, the sign-in is logged when the code is accepted (lib/two-factor/challenge.ts).
    if (!twoFactorPending) await audit({ action: "user.login", actorId: user.id, target, context, details: { method } });
    return done({ userId: user.id, sessionSecret, twoFactorPending, created: false });
  }

  // Checked before the address is looked up, so an unverified claim cannot find out who is registered.
  if (!identity.email || !identity.emailVerified) {
    await audit({ action: "user.login_failed", context, details: { method, reason: "email_unverified" } });
    return refusal("provider_email_unverified", identity);
  }
  const existing = await db.user.findUnique({ where: { email: identity.email }, select: { id: true } });
  if (existing) return emailInUse(existing.id, identity, context);

  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: identity.email!,
          firstName: identity.firstName,
          lastName: identity.lastName,
          emailVerified: new Date(),
          roles: { create: { role: { connectOrCreate: { where: { name: defaultRole.name }, create: defaultRole } } } },
          accounts: { create: accountRow(identity) },
        },
      });
      const target = { type: "user", id: user.id };
      await audit({ action: "user.register", actorId: user.id, target, context, details: { method } }, tx);
      const sessionSecret = await createSession(user.id, { rememberMe: false, context }, tx);
      await audit({ action: "user.login", actorId: user.id, target, context, details: { method } }, tx);
      return done({ userId: user.id, sessionSecret, twoFactorPending: false, created: true });
    });
  } catch (error) {
    // Someone registered the address (or this provider account signed in) a moment ago: answer as if seen first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await db.user.findUnique({ where: { email: identity.email }, select: { id: true } });
      if (raced) return emailInUse(raced.id, identity, context);
    }
    throw error;
  }
}

/** The Account row for a provider identity: the provider's id for the person and the address it vouched for. */
export function accountRow(identity: ProviderIdentity) {
  return {
    type: identity.provider === "github" ? "oauth" : "oidc",
    provider: identity.provider,
    providerAccountId: identity.providerAccountId,
    email: identity.email,
  };
}

async function emailInUse(userId: string, identity: ProviderIdentity, context: RequestContext): Promise<Outcome<ProviderSignIn>> {
  await audit({
    action: "user.login_failed",
    actorId: userId,
    target: { type: "user", id: userId },
    context,
    details: { method: identity.provider, reason: "email_in_use_unlinked" },
  });
  return refusal("provider_email_in_use", identity);
}

function refusal(code: ProviderRefusalCode, identity: ProviderIdentity) {
  return providerRefusal(code, configuredProvider(identity.provider)?.label ?? identity.provider);
}
