import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { open, seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { verifyTotp } from "./totp";

// Checking the two kinds of code against the database. Both checks are single-use by construction: the
// accepted TOTP step and a recovery code's use are written with a condition, so two requests racing with
// the same code cannot both win.

const PURPOSE = "totp-secret";

export const sealTotpSecret = (userId: string, secret: string) => seal(PURPOSE, secret, userId);
export const openTotpSecret = (userId: string, box: string | null) => (box ? open(PURPOSE, box, userId) : null);

type TotpUser = { id: string; twoFactorSecret: string | null; twoFactorLastStep: number | null };

/** True when `code` is a current code of the user's enrolled secret that was not used before. */
export async function acceptTotpCode(user: TotpUser, code: string): Promise<boolean> {
  const secret = openTotpSecret(user.id, user.twoFactorSecret);
  if (!secret) return false;
  const step = await verifyTotp(secret, code, user.twoFactorLastStep);
  if (step === null) return false;
  const { count } = await db.user.updateMany({
    where: { id: user.id, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
    data: { twoFactorLastStep: step },
  });
  return count === 1;
}

/** Spends one of the user's recovery codes; false when it is malformed, unknown or already used. */
export async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  const codeHash = hashRecoveryCode(code);
  if (!codeHash) return false;
  const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Replaces every recovery code of the user (old ones stop working) and returns the new ones, in clear, once. */
export async function replaceRecoveryCodes(userId: string, client: Prisma.TransactionClient): Promise<string[]> {
  const codes = newRecoveryCodes();
  await client.recoveryCode.deleteMany({ where: { userId } });
  await client.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code)! })) });
  return codes;
}
