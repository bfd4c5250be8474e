import "server-only";
import { requireRecentReauthentication } from "@/lib/accounts/reauthentication";
import { rateLimited } from "@/lib/accounts/refusals";
import { audit } from "@/lib/audit";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { openTotpSecret, remainingRecoveryCodes, replaceRecoveryCodes, sealTotpSecret } from "./codes";
import { rolesForTwoFactorPolicy, twoFactorRequiredFor } from "./policy";
import { formatManualKey, newTotpSecret, otpauthUri, qrCodeSvg, verifyTotp } from "./totp";

// A user's own two-factor settings: enrol, see status, regenerate recovery codes, turn off; and the
// administrative reset for someone who lost their device. Every change is audited and the owner told.

const userTarget = (id: string) => ({ type: "user", id });
// Conflicts with the state two-factor is in: usually another window changed it.
const alreadyOn = () => refuse(409, "Two-factor sign-in is already on.", { code: "two_factor_enabled" });
const isOff = (message: string) => refuse(409, message, { code: "two_factor_off" });

async function loadUser(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      firstName: true,
      passwordHash: true,
      twoFactorSecret: true,
      twoFactorPendingSecret: true,
      twoFactorEnabledAt: true,
      twoFactorLastStep: true,
      roles: rolesForTwoFactorPolicy,
    },
  });
}

/** Guessing codes or passwords on the settings page counts against the same budget as signing in. */
async function withinLimit(email: string) {
  return consumeRateLimit(rateLimits.loginByAccount, email);
}

export async function twoFactorStatus(userId: string) {
  const user = await loadUser(userId);
  return {
    enabled: user.twoFactorEnabledAt !== null,
    enabledAt: user.twoFactorEnabledAt,
    enrolling: user.twoFactorPendingSecret !== null,
    required: twoFactorRequiredFor(user.roles),
    recoveryCodesLeft: user.twoFactorEnabledAt ? await remainingRecoveryCodes(userId) : 0,
  };
}

/**
 * Makes a fresh secret to enrol (replacing an unfinished one). Nothing changes for sign-in until it is confirmed.
 * Enrolling needs a recent "confirm it's you": a stolen session must not tie the account to someone else's phone.
 */
export async function startEnrolment(userId: string, sessionId: string): Promise<Outcome> {
  const user = await loadUser(userId);
  if (user.twoFactorEnabledAt) return alreadyOn();
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  await db.user.update({ where: { id: userId }, data: { twoFactorPendingSecret: sealTotpSecret(userId, newTotpSecret()) } });
  return done();
}

/** What the enrolment page shows: the QR code and the same secret typed out. */
export async function enrolmentDetails(userId: string): Promise<{ qrSvg: string; manualKey: string; uri: string } | null> {
  const user = await loadUser(userId);
  const secret = user.twoFactorEnabledAt ? null : openTotpSecret(userId, user.twoFactorPendingSecret);
  if (!secret) return null;
  const uri = otpauthUri(secret, user.email);
  return { qrSvg: await qrCodeSvg(uri), manualKey: formatManualKey(secret), uri };
}

/** Turns two-factor on once the user proves their app has the secret; the value: the recovery codes, shown once. */
export async function confirmEnrolment(
  userId: string,
  sessionId: string,
  code: string,
  context: RequestContext,
): Promise<Outcome<string[]>> {
  const user = await loadUser(userId);
  if (user.twoFactorEnabledAt) return alreadyOn();
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  const limit = await withinLimit(user.email);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  const secret = openTotpSecret(userId, user.twoFactorPendingSecret);
  if (!secret) return refuse(409, "Start the set-up again: that enrolment has expired.", { code: "enrolment_expired" });
  const step = await verifyTotp(secret, code, null);
  // Not a sign-in: a wrong code here is input to correct (422), not a failed authentication.
  if (step === null) {
    return refuse(422, "That code did not work.", {
      code: "two_factor_code_invalid",
      fieldErrors: { code: ["That code is not right. Use the current code from your app."] },
    });
  }

  const recoveryCodes = await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, twoFactorEnabledAt: null, twoFactorPendingSecret: user.twoFactorPendingSecret },
      data: {
        twoFactorSecret: user.twoFactorPendingSecret,
        twoFactorPendingSecret: null,
        twoFactorEnabledAt: new Date(),
        twoFactorLastStep: step,
        twoFactorFailedCount: 0,
      },
    });
    if (count !== 1) return null;
    const codes = await replaceRecoveryCodes(userId, tx);
    await audit({ action: "user.two_factor_enable", actorId: userId, target: userTarget(userId), context }, tx);
    return codes;
  });
  if (!recoveryCodes) {
    return refuse(409, "Two-factor sign-in changed in another window. Reload the page.", { code: "two_factor_changed" });
  }
  // Sessions signed in with the password alone end: from now on every session passed the second factor.
  await revokeOtherSessions(userId, sessionId);
  await sendEmail(user.email, emailTemplates.twoFactorEnabled(user.firstName));
  return done(recoveryCodes);
}

/** New recovery codes (the old ones stop working), after a recent "confirm it's you"; the value: the codes, shown once. */
export async function regenerateRecoveryCodes(userId: string, sessionId: string, context: RequestContext): Promise<Outcome<string[]>> {
  const user = await loadUser(userId);
  if (!user.twoFactorEnabledAt) return isOff("Two-factor sign-in is off.");
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  const recoveryCodes = await db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(userId, tx);
    await audit({ action: "user.two_factor_recovery_codes", actorId: userId, target: userTarget(userId), context }, tx);
    return codes;
  });
  return done(recoveryCodes);
}

/** Turns two-factor off after a recent "confirm it's you" (password or current code); refused where a role requires it. */
export async function disableTwoFactor(userId: string, sessionId: string, context: RequestContext): Promise<Outcome> {
  const user = await loadUser(userId);
  if (!user.twoFactorEnabledAt) return isOff("Two-factor sign-in is already off.");
  if (twoFactorRequiredFor(user.roles)) {
    return refuse(409, "Your role requires two-factor sign-in, so it cannot be turned off.", { code: "two_factor_required" });
  }
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  await clearTwoFactor(userId, { action: "user.two_factor_disable", actorId: userId, context });
  await sendEmail(user.email, emailTemplates.twoFactorDisabled(user.firstName));
  return done();
}

/**
 * For an administrator helping someone who lost their device: two-factor is switched off and the person
 * enrols again at their next sign-in if their role requires it. The admin console calls this once it exists.
 */
export async function resetTwoFactor(userId: string, actorId: string, context: RequestContext): Promise<void> {
  const user = await loadUser(userId);
  await clearTwoFactor(userId, {
    action: "user.two_factor_reset",
    actorId,
    context,
    details: { wasEnabled: user.twoFactorEnabledAt !== null },
  });
  await sendEmail(user.email, emailTemplates.twoFactorReset(user.firstName));
}

async function clearTwoFactor(
  userId: string,
  entry: {
    action: "user.two_factor_disable" | "user.two_factor_reset";
    actorId: string;
    context: RequestContext;
    details?: { wasEnabled: boolean };
  },
) {
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        twoFactorSecret: null,
        twoFactorPendingSecret: null,
        twoFactorEnabledAt: null,
        twoFactorLastStep: null,
        twoFactorFailedCount: 0,
      },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    // A half-finished sign-in waiting for a code can no longer be completed.
    await tx.session.deleteMany({ where: { userId, twoFactorPending: true } });
    await audit(
      { action: entry.action, actorId: entry.actorId, target: userTarget(userId), context: entry.context, details: entry.details },
      tx,
    );
  });
}
