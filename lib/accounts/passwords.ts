import "server-only";
import { runAfterResponse } from "@/lib/after-response";
import { audit } from "@/lib/audit";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { hashToken } from "@/lib/secure-token";
import { systemConfig } from "@/system.config";
import { voidPendingEmailChanges } from "./email-change";
import { clearLoginLimits } from "./login";
import { hashPassword, verifyPassword } from "./password-hash";
import { passwordProblems } from "./password-policy";
import { rateLimited, weakPassword } from "./refusals";
import { consumeAccountToken, issueAccountToken, linkRefusal } from "./tokens";

// Forgotten, reset and changed passwords. Each new password goes through the same policy as registration.

export function resetLink(token: string): string {
  return new URL(`/reset-password?token=${encodeURIComponent(token)}`, systemConfig.url).toString();
}

/**
 * Always the same answer, in the same time: the lookup and the email happen after the response, so
 * neither the words nor the timing tell whether the address has an account.
 */
export async function requestPasswordReset(email: string, context: RequestContext): Promise<Outcome> {
  const byIp = await consumeRateLimit(rateLimits.passwordResetByIp, context.ipAddress ?? "unknown");
  if (!byIp.allowed) {
    await audit({
      action: "user.password_reset_failed",
      context,
      details: { email, reason: "rate_limited", limit: rateLimits.passwordResetByIp.name },
    });
    return rateLimited(byIp.retryAfterSeconds);
  }
  runAfterResponse("password reset email", async () => {
    if (!(await consumeRateLimit(rateLimits.passwordResetByAccount, email)).allowed) {
      await audit({
        action: "user.password_reset_failed",
        context,
        details: { email, reason: "rate_limited", limit: rateLimits.passwordResetByAccount.name },
      });
      return;
    }
    const user = await db.user.findUnique({ where: { email } });
    if (!user || user.status !== "ACTIVE") return;
    const token = await issueAccountToken(user.id, "PASSWORD_RESET");
    await audit({ action: "user.password_reset_request", actorId: user.id, target: { type: "user", id: user.id }, context });
    await sendEmail(user.email, emailTemplates.passwordReset(user.firstName, resetLink(token)));
  });
  return done();
}

/** The live reset token's owner, without spending it (the form checks the link before asking for a password). */
export async function findResetTokenOwner(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.accountToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.purpose !== "PASSWORD_RESET" || row.usedAt || row.expiresAt <= new Date()) return null;
  return row.user;
}

/** Sets a new password from a reset link, then ends every session and pending email change: whoever knew the old password is out. */
export async function resetPassword(token: string, password: string, context: RequestContext): Promise<Outcome> {
  const user = await findResetTokenOwner(token);
  if (!user) {
    await audit({ action: "user.password_reset_failed", context, details: { reason: "invalid_link" } });
    return linkRefusal("PASSWORD_RESET", "token_invalid");
  }
  const problems = await passwordProblems(password, user);
  if (problems.length) {
    await audit({
      action: "user.password_reset_failed",
      actorId: user.id,
      target: { type: "user", id: user.id },
      context,
      details: { reason: "weak_password" },
    });
    return weakPassword(problems);
  }
  const passwordHash = await hashPassword(password);
  // The link was checked above; spending it can still lose a race with another tab using it.
  const reset = await db.$transaction(async (tx) => {
    const consumed = await consumeAccountToken(token, "PASSWORD_RESET", tx);
    if (!consumed.ok) return consumed;
    if (consumed.value.userId !== user.id) return linkRefusal("PASSWORD_RESET", "token_invalid");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    const emailChangesVoided = await voidPendingEmailChanges(user.id, tx);
    await audit(
      { action: "user.password_reset", actorId: user.id, target: { type: "user", id: user.id }, context, details: { emailChangesVoided } },
      tx,
    );
    return done();
  });
  if (!reset.ok) return reset;
  // The lock is lifted above; the failures that led to it must not lock the new password at its first slip.
  await clearLoginLimits(user.email);
  await sendEmail(user.email, emailTemplates.passwordChanged(user.firstName));
  return done();
}

/** A signed-in user changes their password: the current one is required, other sessions and any pending email change end. */
export async function changePassword(
  userId: string,
  sessionId: string,
  input: { currentPassword: string; password: string },
  context: RequestContext,
): Promise<Outcome> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const limit = await consumeRateLimit(rateLimits.loginByAccount, user.email);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return refuse(401, "Your password is not changed.", {
      code: "invalid_credentials",
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
  }
  const problems = await passwordProblems(input.password, user);
  if (problems.length) return weakPassword(problems);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date() },
  });
  const ended = await revokeOtherSessions(userId, sessionId);
  const emailChangesVoided = await voidPendingEmailChanges(userId);
  await audit({
    action: "user.password_change",
    actorId: userId,
    target: { type: "user", id: userId },
    context,
    details: { otherSessionsEnded: ended, emailChangesVoided },
  });
  await sendEmail(user.email, emailTemplates.passwordChanged(user.firstName));
  return done();
}
