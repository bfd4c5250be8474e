import "server-only";
import type { BearerVerifier } from "@/lib/api-auth/bearer";
import { db } from "@/lib/db";
import { done, refuse } from "@/lib/outcome";
import { actorFrom } from "@/lib/users/actor";
import { findTokenWithOwner } from "./lookup";
import { hashTokenForStorage, isWellFormed, tokenPrefix, tokenSessionId } from "./token";

// The bearer verifier for personal access tokens. Everything is decided afresh at each request: the token's
// row (revoked, expired), its owner (disabled, deleted) and what the owner's roles grant now, intersected with
// the token's scopes. So withdrawing a permission or revoking the token takes effect on the very next request.
// The token, its owner and the owner's roles come back in one round trip; what the roles grant, from the
// process's cache that the grants' version keeps honest (lib/authz/role-grants.ts).

/** Last use is recorded at most this often per token: a busy script must not turn every read into a write. */
export const LAST_USE_INTERVAL_MS = 60_000;

const invalid = () => refuse(401, "That token is not valid, has expired or was revoked.", { code: "invalid_token" });

export const verifyApiToken: BearerVerifier = async (token, context) => {
  if (!token.startsWith(tokenPrefix())) return null; // someone else's kind of token
  // A typo or an invented token stops here, before the database.
  if (!isWellFormed(token)) return invalid();
  const row = await findTokenWithOwner(hashTokenForStorage(token));
  const now = new Date();
  if (!row || row.revokedAt || row.expiresAt <= now) return invalid();
  const loaded = await actorFrom(row, tokenSessionId(row.id));
  if (!loaded) return invalid();
  // A role that now obliges two-factor holds the person at enrolment in the browser; their tokens wait too.
  if (loaded.twoFactorOwed)
    return refuse(403, "Your role requires two-factor sign-in: turn it on in your account first.", { code: "two_factor_required" });

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USE_INTERVAL_MS) {
    // Conditional, so concurrent requests in the same minute write once between them.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USE_INTERVAL_MS) } }] },
      data: { lastUsedAt: now, lastUsedIp: context.ipAddress },
    });
  }
  const scopes = new Set(row.scopes);
  const permissions = new Set([...loaded.user.permissions].filter((permission) => scopes.has(permission)));
  return done({ actor: { ...loaded.user, permissions }, via: "token" as const, tokenId: row.id });
};
