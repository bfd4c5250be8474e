import "server-only";
import { db } from "@/lib/db";
import { actorColumns, type ActorColumns } from "@/lib/users/actor";

export type TokenWithOwner = ActorColumns & {
  id: string;
  scopes: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** A token's row by its stored hash, with its owner and their roles: one round trip per request. */
export async function findTokenWithOwner(hash: string): Promise<TokenWithOwner | null> {
  const [row] = await db.$queryRaw<TokenWithOwner[]>`
    SELECT t.id, t.scopes, t."expiresAt", t."revokedAt", t."lastUsedAt", ${actorColumns}
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t.hash = ${hash}`;
  return row ?? null;
}
