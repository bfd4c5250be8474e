import "server-only";
import type { output } from "zod/mini";
import { requireRecentReauthentication } from "@/lib/accounts/reauthentication";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/current-user";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { apiTokenPermissions } from "./permissions";
import type { createTokenSchema, renameTokenSchema } from "./schemas";
import { newToken, tokenPrefix } from "./token";

// Data access for personal access tokens. Everyone creates, renames and revokes their own; holders of
// api-tokens:manage see and revoke anyone's. The secret is returned once, at creation, and never stored.

const DAY_MS = 86_400_000;

const listed = {
  id: true,
  name: true,
  visible: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  createdAt: true,
} as const;

export type TokenListing = {
  id: string;
  name: string;
  /** What lists show of the secret: the prefix and the first few characters. */
  visible: string;
  scopes: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const shown = <T extends { visible: string }>(row: T): T => ({ ...row, visible: `${tokenPrefix()}${row.visible}…` });
const target = (id: string) => ({ type: "api_token", id });

/**
 * A new token for `user`, shown to them once. Only for a session that recently confirmed who it is (a stolen
 * cookie must not mint a long-lived key), and only with permissions the creator holds now.
 */
export async function createToken(
  user: CurrentUser,
  input: output<typeof createTokenSchema>,
  context: RequestContext,
): Promise<Outcome<{ id: string; token: string }>> {
  const stale = await requireRecentReauthentication(user.sessionId);
  if (stale) return stale;
  const scopes = [...new Set(input.scopes)].sort();
  const notHeld = scopes.filter((scope) => !user.permissions.has(scope));
  if (notHeld.length)
    return refuse(422, "A token can only carry permissions you hold.", {
      code: "scope_not_held",
      fieldErrors: { scopes: [`You do not hold ${notHeld.join(", ")}.`] },
    });
  const { token, hash, visible } = newToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: user.id, name: input.name, visible, hash, scopes, expiresAt },
      select: { id: true },
    });
    await audit(
      {
        action: "api_token.create",
        actorId: user.id,
        target: target(row.id),
        context,
        details: { name: input.name, scopes, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return row;
  });
  return done({ id: created.id, token }, "Your token is ready. Copy it now: it will not be shown again.");
}

export async function listOwnTokens(userId: string): Promise<TokenListing[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, select: listed, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(shown);
}

export async function renameToken(actor: Actor, input: output<typeof renameTokenSchema>, context: RequestContext): Promise<Outcome> {
  const row = await db.apiToken.findFirst({ where: { id: input.id, userId: actor.id }, select: { name: true } });
  if (!row) return refuse(404, "There is no such token of yours.", { code: "not_found" });
  if (row.name === input.name) return done(undefined, "Nothing to change.");
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: input.id }, data: { name: input.name } });
    await audit(
      { action: "api_token.rename", actorId: actor.id, target: target(input.id), context, details: { from: row.name, to: input.name } },
      tx,
    );
  });
  return done(undefined, "The token is renamed.");
}

/** One's own token, or (api-tokens:manage) anyone's. Revoking a revoked token changes nothing. */
export async function revokeToken(actor: Actor, id: string, context: RequestContext): Promise<Outcome> {
  const row = await db.apiToken.findUnique({ where: { id }, select: { userId: true, name: true } });
  if (!row) return refuse(404, "There is no such token.", { code: "not_found" });
  if (row.userId !== actor.id) await authorize(actor, apiTokenPermissions.manage, { target: target(id), context });
  const revoked = await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count)
      await audit(
        { action: "api_token.revoke", actorId: actor.id, target: target(id), context, details: { name: row.name, ownerId: row.userId } },
        tx,
      );
    return count > 0;
  });
  return done(undefined, revoked ? "The token is revoked: it stops working at once." : "That token was already revoked.");
}

export type AdminTokenListing = TokenListing & { owner: { id: string; email: string } };

/** Everyone's tokens, newest first (api-tokens:manage). */
export async function listAllTokens(actor: Actor, context?: RequestContext, limit = 500): Promise<AdminTokenListing[]> {
  await authorize(actor, apiTokenPermissions.manage, { context });
  const rows = await db.apiToken.findMany({
    select: { ...listed, user: { select: { id: true, email: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(({ user, ...row }) => ({ ...shown(row), owner: user }));
}
