import "server-only";
import { cache } from "react";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { ProviderId } from "@/lib/auth/provider-ids";
import { configuredProvider } from "@/lib/auth/provider-list";
import { db } from "@/lib/db";
import { done, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import type { ProviderIdentity } from "./provider-identity";
import { providerRefusal, type ProviderRefusalCode } from "./provider-refusals";
import { accountRow } from "./provider-sign-in";
import { recordReauthentication, requireRecentReauthentication } from "./reauthentication";

// The ways a person signs in, managed by that person in /account: their password (if they have one) and the
// provider accounts they linked. Linking needs a recent "confirm it's you", so a stolen session cookie
// cannot add the thief's provider account; removing never leaves an account nobody can sign in to.

type Caller = { id: string; sessionId: string };

export type SignInMethods = { hasPassword: boolean; links: { provider: string; email: string | null; linkedAt: Date }[] };

/**
 * Memoised for the request (React's cache()): /account shows the methods and also asks reauthenticationMethods,
 * which reads the same. Prisma merges the two lookups only while both start in the same tick (the page's
 * Promise.all); this keeps it one lookup however a page awaits them. Nothing in a request changes them and then
 * reads them again.
 */
export const listSignInMethods = cache(async (userId: string): Promise<SignInMethods> => {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordHash: true,
      accounts: { select: { provider: true, email: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return {
    hasPassword: user.passwordHash !== null,
    links: user.accounts.map((a) => ({ provider: a.provider, email: a.email, linkedAt: a.createdAt })),
  };
});

/** Links the provider account the signed-in person just proved to their own account. */
export async function linkProvider(caller: Caller, identity: ProviderIdentity, context: RequestContext): Promise<Outcome> {
  const refused = (code: ProviderRefusalCode, reason: string) => refuseLink(caller.id, identity, code, reason, context);
  if (await requireRecentReauthentication(caller.sessionId)) return refused("reauthentication_required", "reauthentication_required");
  if (!identity.email || !identity.emailVerified) return refused("provider_email_unverified", "email_unverified");

  const key = { provider: identity.provider, providerAccountId: identity.providerAccountId };
  const existing = await db.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
  if (existing?.userId === caller.id) return done(undefined, `${label(identity.provider)} is already connected.`);
  if (existing) return refused("provider_account_taken", "linked_to_another_user");
  const sameProvider = await db.account.count({ where: { userId: caller.id, provider: identity.provider } });
  if (sameProvider > 0) return refused("provider_already_linked", "provider_already_linked");

  try {
    await db.$transaction(async (tx) => {
      await tx.account.create({ data: { ...accountRow(identity), userId: caller.id } });
      await audit(
        {
          action: "account.provider_linked",
          actorId: caller.id,
          target: { type: "user", id: caller.id },
          context,
          details: { provider: identity.provider, email: identity.email },
        },
        tx,
      );
    });
  } catch (error) {
    // Linked elsewhere a moment ago, by another tab or another person.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return refused("provider_account_taken", "linked_to_another_user");
    }
    throw error;
  }
  return done(undefined, `${label(identity.provider)} is connected: you can sign in with it now.`);
}

/** Removes a link, unless it is the last way left to sign in (no password, no other link). */
export async function unlinkProvider(userId: string, provider: ProviderId, context: RequestContext): Promise<Outcome> {
  const outcome = await db.$transaction(async (tx): Promise<Outcome | ProviderRefusalCode> => {
    // Locks the user's row: two removals at once cannot each see the other's link as the one that remains.
    const user = await tx.user.update({ where: { id: userId }, data: { updatedAt: new Date() }, select: { passwordHash: true } });
    const links = await tx.account.findMany({ where: { userId }, select: { provider: true, providerAccountId: true, email: true } });
    const link = links.find((l) => l.provider === provider);
    if (!link) return "provider_not_found";
    if (user.passwordHash === null && links.length === 1) return "last_sign_in_method";
    await tx.account.delete({ where: { provider_providerAccountId: { provider, providerAccountId: link.providerAccountId } } });
    await audit(
      {
        action: "account.provider_unlinked",
        actorId: userId,
        target: { type: "user", id: userId },
        context,
        details: { provider, email: link.email },
      },
      tx,
    );
    return done(undefined, `${label(provider)} is removed: it no longer signs you in.`);
  });
  if (typeof outcome !== "string") return outcome;
  await audit({
    action: "account.provider_unlink_failed",
    actorId: userId,
    target: { type: "user", id: userId },
    context,
    details: { provider, reason: outcome },
  });
  return providerRefusal(outcome, label(provider));
}

/** "Confirm it's you" through a provider: for people without a password, a fresh sign-in there is the proof. */
export async function confirmWithProvider(caller: Caller, identity: ProviderIdentity, context: RequestContext): Promise<Outcome> {
  const key = { provider: identity.provider, providerAccountId: identity.providerAccountId };
  const link = await db.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
  const target = { type: "user", id: caller.id };
  if (link?.userId !== caller.id) {
    await audit({ action: "user.reauthenticate_failed", actorId: caller.id, target, context, details: { method: identity.provider } });
    return providerRefusal("provider_not_linked", label(identity.provider));
  }
  return recordReauthentication(caller.sessionId, caller.id, identity.provider, context);
}

async function refuseLink(userId: string, identity: ProviderIdentity, code: ProviderRefusalCode, reason: string, context: RequestContext) {
  await audit({
    action: "account.provider_link_failed",
    actorId: userId,
    target: { type: "user", id: userId },
    context,
    details: { provider: identity.provider, email: identity.email, reason },
  });
  return providerRefusal(code, label(identity.provider));
}

const label = (provider: string) => configuredProvider(provider)?.label ?? provider;

/** How this person can confirm it's them: their password (if any) and the configured providers they linked. */
export async function reauthenticationMethods(
  userId: string,
): Promise<{ hasPassword: boolean; providers: { id: ProviderId; label: string }[] }> {
  const { hasPassword, links } = await listSignInMethods(userId);
  const providers = links.flatMap((link) => {
    const provider = configuredProvider(link.provider);
    return provider ? [{ id: provider.id, label: provider.label }] : [];
  });
  return { hasPassword, providers };
}
