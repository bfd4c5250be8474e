import "server-only";
import type { Prisma, TokenPurpose } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { hashToken, randomToken } from "@/lib/secure-token";

const tokenLifetimeMinutes: Record<TokenPurpose, number> = {
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

type LinkRefusal = "token_invalid" | "token_expired" | "token_used";

// What each kind of link says when it does not work, in one place. A reset link says the same whatever went
// wrong: it is checked (and refused) before a password is asked for, and says no more then.
const resetLinkDead = "This reset link is not valid any more. Ask for a new one.";
const cancelLinkDead = "This link does not work any more: the change was already confirmed or cancelled, or a newer one was asked for.";
const linkRefusalMessages: Record<TokenPurpose, Record<LinkRefusal, string>> = {
  EMAIL_VERIFICATION: {
    token_invalid: "This confirmation link is not valid. Ask for a new one below.",
    token_expired: "This confirmation link has expired. Ask for a new one below.",
    token_used: "This confirmation link was already used. If your address is confirmed, you can sign in.",
  },
  PASSWORD_RESET: { token_invalid: resetLinkDead, token_expired: resetLinkDead, token_used: resetLinkDead },
  EMAIL_CHANGE: {
    token_invalid: "This confirmation link is not valid.",
    token_expired: "This confirmation link has expired. Ask for the change again from your account page.",
    token_used: "This confirmation link was already used.",
  },
  EMAIL_CHANGE_CANCEL: {
    token_invalid: cancelLinkDead,
    token_used: cancelLinkDead,
    token_expired: "This link has expired, and so has the change it could cancel.",
  },
};

/** A link that does not work: unknown is 404; expired or spent is a conflict with its state (409, never 410). */
export function linkRefusal(purpose: TokenPurpose, code: LinkRefusal) {
  return refuse(code === "token_invalid" ? 404 : 409, linkRefusalMessages[purpose][code], { code });
}

export type ConsumedToken = { userId: string; newEmail: string | null };

/** Spends a token exactly once, even under concurrent requests (one conditional update wins). */
export async function consumeAccountToken(
  token: string,
  purpose: TokenPurpose,
  client: Prisma.TransactionClient = db,
): Promise<Outcome<ConsumedToken>> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return linkRefusal(purpose, "token_invalid");
  const tokenHash = hashToken(token);
  const now = new Date();
  const spent = await client.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await client.accountToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose) return linkRefusal(purpose, "token_invalid");
  if (spent.count === 1) return done({ userId: row.userId, newEmail: row.newEmail });
  return linkRefusal(purpose, row.usedAt ? "token_used" : "token_expired");
}
