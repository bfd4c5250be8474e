import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome, type Refusal } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { consumeRateLimit, rateLimits, resetRateLimit } from "@/lib/rate-limit";
import { systemConfig } from "@/system.config";
import { hashPassword, needsRehash, verifyPassword } from "./password-hash";
import { accountDisabled, rateLimited } from "./refusals";

export type LoginResult = Outcome<{ userId: string; twoFactor: boolean }>;

/** Known and unknown addresses, wrong passwords and malformed input all get these words: the answer reveals no account. */
export const invalidCredentials = (): Refusal =>
  refuse(401, "The email address or password is not right.", { code: "invalid_credentials" });

/** The same words, with the same minutes, for a locked real account and a locked unknown address. */
function accountLocked(retryAfterSeconds: number): Refusal {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return refuse(
    429,
    `Too many attempts: sign-in is locked for ${minutes} minute${minutes === 1 ? "" : "s"}. Try again then, or reset your password.`,
    { code: "account_locked", retryAfterSeconds },
  );
}

const { maxFailedLogins, lockoutMinutes } = systemConfig.accounts;
// Failed attempts per address, known or not, so an unknown address locks after the same number of tries,
// for the same time, as a real one and the lock message reveals nothing.
const failedLoginsByEmail = { name: "login-failed", limit: maxFailedLogins, windowSeconds: lockoutMinutes * 60 };

let dummyHash: Promise<string> | undefined;
/** Verifying against this when the address is unknown makes both failures cost one bcrypt. */
function dummy(): Promise<string> {
  return (dummyHash ??= hashPassword("dummy password for timing equality"));
}

export async function authenticate(email: string, password: string, context: RequestContext): Promise<LoginResult> {
  const byIp = await consumeRateLimit(rateLimits.loginByIp, context.ipAddress ?? "unknown");
  const byAccount = await consumeRateLimit(rateLimits.loginByAccount, email);
  if (!byIp.allowed || !byAccount.allowed) {
    await audit({ action: "user.login_failed", context, details: { email, reason: "rate_limited" } });
    return rateLimited(Math.max(byIp.retryAfterSeconds, byAccount.retryAfterSeconds));
  }

  const user = await db.user.findUnique({ where: { email } });
  const now = new Date();
  if (user?.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(password, await dummy());
    await audit({
      action: "user.login_failed",
      actorId: user.id,
      target: { type: "user", id: user.id },
      context,
      details: { reason: "locked" },
    });
    return accountLocked(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  }

  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
  if (!user || !user.passwordHash || !passwordOk) return recordFailure(email, user, context);

  if (user.status !== "ACTIVE") {
    await audit({
      action: "user.login_failed",
      actorId: user.id,
      target: { type: "user", id: user.id },
      context,
      details: { reason: "disabled" },
    });
    return accountDisabled();
  }
  if (!user.emailVerified) {
    await audit({
      action: "user.login_failed",
      actorId: user.id,
      target: { type: "user", id: user.id },
      context,
      details: { reason: "unverified" },
    });
    return refuse(403, "Confirm your email address first: use the link we sent you, or ask for a new one below.", {
      code: "email_unverified",
    });
  }

  // A hash from another cost is replaced now that the password is known; nothing is written when there is nothing to change.
  const passwordHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;
  if (user.lockedUntil || passwordHash) await db.user.update({ where: { id: user.id }, data: { lockedUntil: null, passwordHash } });
  await clearLoginLimits(email);
  return done({ userId: user.id, twoFactor: user.twoFactorEnabledAt !== null });
}

/** Sign-in input that failed validation: refused before any lookup, and audited like every other refusal. */
export async function auditInvalidLoginInput(context: RequestContext): Promise<void> {
  await audit({ action: "user.login_failed", context, details: { reason: "invalid_input" } });
}

/** Forgets an address's failed and attempted sign-ins (after a success, or when an administrator unlocks it). */
export async function clearLoginLimits(email: string): Promise<void> {
  await resetRateLimit(failedLoginsByEmail, email);
  await resetRateLimit(rateLimits.loginByAccount, email);
}

/**
 * One counter per address, known or not, in one fixed window: the failure that reaches the limit locks
 * sign-in until the window ends, and says so, in the same words for both. A real account also gets
 * lockedUntil (the admin console shows it, an administrator can lift it) set to the same moment.
 */
async function recordFailure(
  email: string,
  user: { id: string; email: string; firstName: string } | null,
  context: RequestContext,
): Promise<LoginResult> {
  const counter = await consumeRateLimit(failedLoginsByEmail, email);
  // Exact while under the limit; past it the count no longer matters.
  const failures = counter.allowed ? maxFailedLogins - counter.remaining : undefined;
  const locked = accountLocked(counter.retryAfterSeconds);
  if (!user) {
    await audit({ action: "user.login_failed", context, details: { email, reason: "unknown_email", failures } });
    return counter.remaining > 0 ? invalidCredentials() : locked;
  }
  const target = { type: "user", id: user.id };
  await audit({ action: "user.login_failed", actorId: user.id, target, context, details: { reason: "bad_password", failures } });
  if (counter.remaining > 0) return invalidCredentials();
  await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + counter.retryAfterSeconds * 1000) } });
  // Only the failure that reached the limit tells anyone; later ones (racing, or after an unlock) just refuse.
  if (counter.allowed) {
    const minutes = Math.ceil(counter.retryAfterSeconds / 60);
    await audit({ action: "user.locked", actorId: user.id, target, context, details: { minutes } });
    await sendEmail(user.email, emailTemplates.accountLocked(user.firstName, minutes));
  }
  return locked;
}
