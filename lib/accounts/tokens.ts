import "server-only";
import type { Prisma, TokenPurpose } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { hashToken, randomToken } from "@/lib/secure-token";

export const tokenLifetimeMinutes: Record<TokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 60,
  PASSWORD_RESET: 30,
  EMAIL_CHANGE: 24 * 60,
  // Lives as long as the change it can cancel.
  EMAIL_CHANGE_CANCEL: 24 * 60,
};

/** Issues a single-use link token; any earlier unused one of the same purpose stops working. */
export async function issueAccountToken(
  userId: string,
  purpose: TokenPurpose,
  options: { newEmail?: string; client?: Prisma.TransactionClient } = {},
): Promise<string> {
  const client = options.client ?? db;
  const token = randomToken();
  await client.accountToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await client.accountToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashToken(token),
      newEmail: options.newEmail,
      expiresAt: new Date(Date.now() + tokenLifetimeMinutes[purpose] * 60_000),
    },
  });
  return token;
}

export type ConsumedToken = { ok: true; userId: string; newEmail: string | null } | { ok: false; reason: "invalid" | "expired" | "used" };

/** Spends a token exactly once, even under concurrent requests (one conditional update wins). */
export async function consumeAccountToken(
  token: string,
  purpose: TokenPurpose,
  client: Prisma.TransactionClient = db,
): Promise<ConsumedToken> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "invalid" };
  const tokenHash = hashToken(token);
  const now = new Date();
  const spent = await client.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await client.accountToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose) return { ok: false, reason: "invalid" };
  if (spent.count === 1) return { ok: true, userId: row.userId, newEmail: row.newEmail };
  return { ok: false, reason: row.usedAt ? "used" : "expired" };
}
