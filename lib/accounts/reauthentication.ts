import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { done, refuse, type Outcome, type Refusal } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { acceptTotpCode } from "@/lib/two-factor/codes";
import { systemConfig } from "@/system.config";
import { verifyPassword } from "./password-hash";
import { rateLimited } from "./refusals";

// "Confirm it's you": a stolen session cookie alone must not be enough to take the account over. Turning
// two-factor on or off, changing the email address and ending other sessions need the password or a current
// code given in this session within the last few minutes. Signing in counts (createSession stamps it).

const { reauthenticationMinutes } = systemConfig.accounts;

export type ReauthenticationProof = { password: string } | { code: string };

const REAUTHENTICATION_NEEDED = `Confirm it's you first: enter your password or a current code. That then counts for ${reauthenticationMinutes} minutes.`;

/** Checks the password or a current two-factor code and, when right, stamps this session as recently confirmed. */
export async function reauthenticate(
  sessionId: string,
  userId: string,
  proof: ReauthenticationProof,
  context: RequestContext,
): Promise<Outcome> {
  const session = await db.session.findFirst({ where: { id: sessionId, userId, twoFactorPending: false } });
  if (!session) return refuse(401, "Your session has ended. Sign in again.", { code: "session_ended" });
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, passwordHash: true, twoFactorSecret: true, twoFactorLastStep: true, twoFactorEnabledAt: true },
  });
  // Guessing here counts against the same budget as signing in.
  const limit = await consumeRateLimit(rateLimits.loginByAccount, user.email);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);

  const method = "code" in proof ? "code" : "password";
  const proven =
    "code" in proof
      ? user.twoFactorEnabledAt !== null && (await acceptTotpCode(user, proof.code))
      : !!user.passwordHash && (await verifyPassword(proof.password, user.passwordHash));
  const target = { type: "user", id: userId };
  if (!proven) {
    await audit({ action: "user.reauthenticate_failed", actorId: userId, target, context, details: { method } });
    return method === "code"
      ? refuse(401, "That did not confirm it's you.", {
          code: "two_factor_code_invalid",
          fieldErrors: { code: ["That code is not right. Use the current code from your app."] },
        })
      : refuse(401, "That did not confirm it's you.", {
          code: "invalid_credentials",
          fieldErrors: { password: ["That is not your password."] },
        });
  }
  return recordReauthentication(sessionId, userId, method, context);
}

/** Stamps this session as having just proved who it is (password, code, or a fresh sign-in at a linked provider). */
export async function recordReauthentication(sessionId: string, userId: string, method: string, context: RequestContext): Promise<Outcome> {
  await db.session.update({ where: { id: sessionId }, data: { reauthenticatedAt: new Date() } });
  await audit({ action: "user.reauthenticate", actorId: userId, target: { type: "user", id: userId }, context, details: { method } });
  return done();
}

/** Whether this session confirmed who it is (or signed in) within the last few minutes. */
export async function hasRecentReauthentication(sessionId: string): Promise<boolean> {
  const since = new Date(Date.now() - reauthenticationMinutes * 60_000);
  return (await db.session.count({ where: { id: sessionId, twoFactorPending: false, reauthenticatedAt: { gte: since } } })) === 1;
}

/** The refusal each sensitive change answers with when the confirmation is missing or too old; null when it may go on. */
export async function requireRecentReauthentication(sessionId: string): Promise<Refusal | null> {
  return (await hasRecentReauthentication(sessionId)) ? null : refuse(401, REAUTHENTICATION_NEEDED, { code: "reauthentication_required" });
}
