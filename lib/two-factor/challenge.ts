import "server-only";
import { audit } from "@/lib/audit";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { rateLimited } from "@/lib/accounts/refusals";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome, type Refusal } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { hashToken, randomToken } from "@/lib/secure-token";
import { systemConfig } from "@/system.config";
import { acceptTotpCode, remainingRecoveryCodes, spendRecoveryCode } from "./codes";
import { rolesForTwoFactorPolicy, twoFactorRequiredFor } from "./policy";

// The second step of signing in. The password step left a half-authenticated session (twoFactorPending);
// a right code earns a one-time grant, which the sign-in flow swaps for a brand-new full session: the
// half-authenticated cookie is worth nothing afterwards, so copying it early gains an attacker nothing.

export type ChallengeMethod = "totp" | "recovery";

/** The half-finished sign-in is gone (expired, ended, or the account changed): only the password step helps. */
export const challengeExpired = (): Refusal =>
  refuse(401, "This sign-in has expired. Sign in again with your password.", { code: "challenge_expired" });

function codesLocked(retryAfterSeconds: number): Refusal {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return refuse(429, `Sign-in is locked after too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    code: "account_locked",
    retryAfterSeconds,
  });
}

/** A wrong code goes next to the field it was typed into: `code` for the app's, `recoveryCode` for a recovery code. */
const wrongCode = (method: ChallengeMethod): Refusal =>
  method === "totp"
    ? refuse(401, "That code did not work.", {
        code: "two_factor_code_invalid",
        fieldErrors: { code: ["That code is not right, or was already used. Wait for the next code and try again."] },
      })
    : refuse(401, "That recovery code did not work.", {
        code: "recovery_code_invalid",
        fieldErrors: { recoveryCode: ["That recovery code is not right, or was already used."] },
      });

const { maxFailedCodes } = systemConfig.accounts.twoFactor;
const { lockoutMinutes } = systemConfig.accounts;

/** After a right password: what the person still has to do before they are fully signed in. */
export async function stageAfterPassword(email: string): Promise<"two_factor" | "enrolment" | "active"> {
  const user = await db.user.findUnique({ where: { email }, select: { twoFactorEnabledAt: true, roles: rolesForTwoFactorPolicy } });
  if (user?.twoFactorEnabledAt) return "two_factor";
  return user && twoFactorRequiredFor(user.roles) ? "enrolment" : "active";
}

async function pendingSession(sessionId: string) {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      twoFactorPending: true,
      absoluteExpiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          firstName: true,
          status: true,
          lockedUntil: true,
          twoFactorSecret: true,
          twoFactorLastStep: true,
          twoFactorEnabledAt: true,
        },
      },
    },
  });
  if (
    !session?.twoFactorPending ||
    session.absoluteExpiresAt <= new Date() ||
    session.user.status !== "ACTIVE" ||
    !session.user.twoFactorEnabledAt
  )
    return null;
  return session;
}

export async function verifyChallenge(
  sessionId: string,
  method: ChallengeMethod,
  code: string,
  context: RequestContext,
): Promise<Outcome<string>> {
  const session = await pendingSession(sessionId);
  if (!session) return challengeExpired();
  const { user } = session;
  const target = { type: "user", id: user.id };
  const bySession = await consumeRateLimit(rateLimits.twoFactorBySession, session.id);
  const byAccount = await consumeRateLimit(rateLimits.twoFactorByAccount, user.id);
  if (!bySession.allowed || !byAccount.allowed) {
    await audit({
      action: "user.login_failed",
      actorId: user.id,
      target,
      context,
      details: { step: "two_factor", reason: "rate_limited" },
    });
    return rateLimited(Math.max(bySession.retryAfterSeconds, byAccount.retryAfterSeconds));
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.session.deleteMany({ where: { id: session.id } });
    return codesLocked(Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000));
  }

  // Each guess claims its attempt before the code is compared, in one conditional UPDATE: parallel guesses
  // cannot all slip past a check made before any of them was counted.
  const now = new Date();
  const claimed = await db.user.updateMany({
    where: { id: user.id, twoFactorFailedCount: { lt: maxFailedCodes }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { twoFactorFailedCount: { increment: 1 } },
  });
  if (claimed.count !== 1) return codesLocked(lockoutMinutes * 60);

  const passed = method === "totp" ? await acceptTotpCode(user, code) : await spendRecoveryCode(user.id, code);
  if (!passed) return recordFailure(user, method, context);

  const grant = randomToken();
  await db.user.update({ where: { id: user.id }, data: { twoFactorFailedCount: 0 } });
  await db.session.update({ where: { id: session.id }, data: { upgradeTokenHash: hashToken(grant) } });
  if (method === "recovery") {
    const left = await remainingRecoveryCodes(user.id);
    await audit({ action: "user.two_factor_recovery_used", actorId: user.id, target, context, details: { left } });
    await sendEmail(user.email, emailTemplates.recoveryCodeUsed(user.firstName, left));
  }
  return done(grant);
}

/** A code the schema refused (a script sent it: the form checks first): audited, never compared. */
export async function auditMalformedCode(sessionId: string, context: RequestContext): Promise<void> {
  const session = await pendingSession(sessionId);
  const target = session ? { type: "user", id: session.user.id } : null;
  await audit({
    action: "user.login_failed",
    actorId: session?.user.id ?? null,
    target,
    context,
    details: { step: "two_factor", reason: "invalid_input" },
  });
}

/** The attempt was counted when it was claimed; the guess that used the last one locks sign-in. */
async function recordFailure(
  user: { id: string; email: string; firstName: string },
  method: ChallengeMethod,
  context: RequestContext,
): Promise<Refusal> {
  const target = { type: "user", id: user.id };
  const { twoFactorFailedCount: failures } = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { twoFactorFailedCount: true },
  });
  await audit({ action: "user.two_factor_failed", actorId: user.id, target, context, details: { method, failures } });
  if (failures < maxFailedCodes) return wrongCode(method);

  // Locked like too many wrong passwords: the password step refuses too until the lock ends. Conditional,
  // so of several guesses failing at once only one locks, audits and sends the email.
  const locked = await db.user.updateMany({
    where: { id: user.id, twoFactorFailedCount: { gte: maxFailedCodes } },
    data: { twoFactorFailedCount: 0, lockedUntil: new Date(Date.now() + lockoutMinutes * 60_000) },
  });
  await db.session.deleteMany({ where: { userId: user.id, twoFactorPending: true } });
  if (locked.count === 1) {
    await audit({ action: "user.locked", actorId: user.id, target, context, details: { minutes: lockoutMinutes, reason: "two_factor" } });
    await sendEmail(user.email, emailTemplates.accountLocked(user.firstName, lockoutMinutes, "codes"));
  }
  return codesLocked(lockoutMinutes * 60);
}

/**
 * Swaps a grant for a full session: the half-authenticated session is deleted (once: a replayed grant finds
 * nothing) and a new one with a new secret is made. The value: the user and the new cookie secret.
 */
export async function completeChallenge(
  grant: string,
  context: RequestContext,
): Promise<Outcome<{ userId: string; sessionSecret: string }>> {
  if (typeof grant !== "string" || grant.length !== 43) return challengeExpired();
  const session = await db.session.findUnique({
    where: { upgradeTokenHash: hashToken(grant) },
    select: { id: true, userId: true, rememberMe: true, twoFactorPending: true, absoluteExpiresAt: true },
  });
  if (!session?.twoFactorPending || session.absoluteExpiresAt <= new Date()) return challengeExpired();
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: session.id, upgradeTokenHash: hashToken(grant) } });
    if (count !== 1) return challengeExpired();
    const sessionSecret = await createSession(session.userId, { rememberMe: session.rememberMe, context }, tx);
    await audit(
      {
        action: "user.login",
        actorId: session.userId,
        target: { type: "user", id: session.userId },
        context,
        details: { rememberMe: session.rememberMe, twoFactor: true },
      },
      tx,
    );
    return done({ userId: session.userId, sessionSecret });
  });
}
