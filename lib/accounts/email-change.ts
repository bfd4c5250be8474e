import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import type { RequestContext } from "@/lib/request-context";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { systemConfig } from "@/system.config";
import { verifyPassword } from "./password-hash";
import { consumeAccountToken, issueAccountToken } from "./tokens";

export type EmailChangeResult = { ok: true } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; retryAfterSeconds?: number };

/** Sends a confirmation link to the new address; nothing changes until it is used. */
export async function requestEmailChange(userId: string, input: { newEmail: string; currentPassword: string }, context: RequestContext): Promise<EmailChangeResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const limit = await consumeRateLimit(rateLimits.loginByAccount, user.email);
  if (!limit.allowed) return { ok: false, retryAfterSeconds: limit.retryAfterSeconds };
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } };
  }
  if (input.newEmail === user.email) return { ok: false, fieldErrors: { newEmail: ["That is already your email address."] } };
  // Whether the new address is taken is not said here; confirming a taken address fails later instead.
  const token = await issueAccountToken(userId, "EMAIL_CHANGE", { newEmail: input.newEmail });
  await audit({ action: "user.email_change_request", actorId: userId, target: { type: "user", id: userId }, context, details: { newEmail: input.newEmail } });
  const link = new URL(`/confirm-email?token=${encodeURIComponent(token)}`, systemConfig.url).toString();
  await sendEmail(input.newEmail, emailTemplates.confirmNewEmail(user.firstName, link));
  return { ok: true };
}

export type ConfirmEmailResult = { ok: true; email: string } | { ok: false; reason: "invalid" | "expired" | "used" | "taken" };

/** Moves the account to the confirmed address and tells the old one. */
export async function confirmEmailChange(token: string, context: RequestContext): Promise<ConfirmEmailResult> {
  try {
    const changed = await db.$transaction(async (tx) => {
      const consumed = await consumeAccountToken(token, "EMAIL_CHANGE", tx);
      if (!consumed.ok || !consumed.newEmail) return consumed.ok ? ({ ok: false, reason: "invalid" } as const) : consumed;
      const before = await tx.user.findUniqueOrThrow({ where: { id: consumed.userId } });
      await tx.user.update({ where: { id: consumed.userId }, data: { email: consumed.newEmail, emailVerified: new Date() } });
      await audit(
        { action: "user.email_change", actorId: consumed.userId, target: { type: "user", id: consumed.userId }, context, details: { before: before.email, after: consumed.newEmail } },
        tx,
      );
      return { ok: true, before, email: consumed.newEmail } as const;
    });
    if (!changed.ok) return changed;
    await sendEmail(changed.before.email, emailTemplates.emailChanged(changed.before.firstName, changed.email));
    return { ok: true, email: changed.email };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "taken" };
    throw error;
  }
}
