import "server-only";
import { authenticate } from "@/lib/accounts/login";
import { audit } from "@/lib/audit";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { done, refuse, type Outcome, type Refusal } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { hashToken, randomToken } from "@/lib/secure-token";
import { stageAfterPassword, verifyChallenge } from "@/lib/two-factor/challenge";
import { systemConfig } from "@/system.config";
import { ACCESS_TOKEN_SECONDS, signAccessToken } from "./jwt";

// Program sign-in. Each sign-in is an API Session row (kind API): the family of its rotating refresh tokens.
// The web's password check (lockout, rate limits, audit) and two-factor challenge (attempt accounting) are
// reused as they are, so the API is no side door around them.

export type TokenPair = { access_token: string; token_type: "Bearer"; expires_in: number; refresh_token: string };

const idleMs = systemConfig.accounts.idleTimeoutMinutes * 60_000;

const invalidGrant = (): Refusal => refuse(401, "That refresh token is not valid.", { code: "invalid_grant" });

/** The session's id; its cookie secret is thrown away, so only the refresh tokens issued below reach it. */
async function newApiSession(userId: string, context: RequestContext, twoFactorPending = false): Promise<string> {
  const secret = await createSession(userId, { rememberMe: false, context, twoFactorPending, kind: "API" });
  const { id } = await db.session.findUniqueOrThrow({ where: { sessionToken: hashToken(secret) }, select: { id: true } });
  return id;
}

async function issueTokens(userId: string, sessionId: string): Promise<TokenPair> {
  const refreshToken = randomToken();
  await db.refreshToken.create({ data: { sessionId, tokenHash: hashToken(refreshToken) } });
  return {
    access_token: await signAccessToken(userId, sessionId),
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: refreshToken,
  };
}

export type SignInInput = { email: string; password: string; code?: string; recoveryCode?: string };

export async function signInProgram(input: SignInInput, context: RequestContext): Promise<Outcome<TokenPair>> {
  const checked = await authenticate(input.email, input.password, context);
  if (!checked.ok) return checked;
  const { userId } = checked.value;
  const target = { type: "user", id: userId };
  const stage = await stageAfterPassword(input.email);
  if (stage === "enrolment") {
    // A program cannot scan a QR code: the person sets two-factor up in the web app first.
    await audit({ action: "user.login_failed", actorId: userId, target, context, details: { via: "api", reason: "two_factor_setup" } });
    return refuse(403, "Your role requires two-factor authentication: set it up in the web app, then sign in here.", {
      code: "two_factor_setup_required",
    });
  }
  if (stage === "two_factor") {
    const method = input.recoveryCode ? "recovery" : input.code ? "totp" : null;
    if (!method)
      return refuse(401, "This account uses two-factor authentication: send `code` from the authenticator app, or a `recoveryCode`.", {
        code: "two_factor_required",
      });
    // The challenge counts attempts against a half-authenticated session; this one lives for the one check.
    const pending = await newApiSession(userId, context, true);
    const verified = await verifyChallenge(pending, method, (method === "totp" ? input.code : input.recoveryCode) ?? "", context);
    await db.session.deleteMany({ where: { id: pending } });
    if (!verified.ok) return verified;
  }
  const sessionId = await newApiSession(userId, context);
  await audit({ action: "user.login", actorId: userId, target, context, details: { via: "api", twoFactor: stage === "two_factor" } });
  return done(await issueTokens(userId, sessionId));
}

/** Rotation: the token is spent and a new pair issued. A spent token seen again ends its whole family. */
export async function refreshApiSession(refreshToken: string, context: RequestContext): Promise<Outcome<TokenPair>> {
  const found = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: {
      id: true,
      usedAt: true,
      session: {
        select: { id: true, userId: true, kind: true, expires: true, absoluteExpiresAt: true, user: { select: { status: true } } },
      },
    },
  });
  if (!found || found.session.kind !== "API") return invalidGrant();
  const { session } = found;
  // Claimed in one conditional UPDATE, so of two racing uses of one token only one wins; the other is a reuse.
  const claimed = found.usedAt
    ? 0
    : (await db.refreshToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: new Date() } })).count;
  if (claimed !== 1) {
    await db.session.deleteMany({ where: { id: session.id } });
    await audit({
      action: "session.refresh_reused",
      actorId: session.userId,
      target: { type: "user", id: session.userId },
      context,
      details: { sessionId: session.id },
    });
    return invalidGrant();
  }
  const now = Date.now();
  if (session.expires.getTime() <= now || session.absoluteExpiresAt.getTime() <= now || session.user.status !== "ACTIVE") {
    await db.session.deleteMany({ where: { id: session.id } });
    return invalidGrant();
  }
  await db.session.update({
    where: { id: session.id },
    data: { lastSeenAt: new Date(now), expires: new Date(Math.min(now + idleMs, session.absoluteExpiresAt.getTime())) },
  });
  return done(await issueTokens(session.userId, session.id));
}

/** Ends the session any of its refresh tokens belongs to; an unknown token ends nothing and says nothing (RFC 7009). */
export async function endApiSession(refreshToken: string, context: RequestContext): Promise<Outcome> {
  const found = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: { session: { select: { id: true, userId: true, kind: true } } },
  });
  if (found?.session.kind === "API") await endApiSessionById(found.session.id, found.session.userId, context);
  return done(undefined);
}

/** Ends `userId`'s API session `sessionId` (an access JWT's own); false when there is no such session to end. */
export async function endApiSessionById(sessionId: string, userId: string, context: RequestContext): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId, kind: "API" } });
  if (count === 1)
    await audit({ action: "user.logout", actorId: userId, target: { type: "user", id: userId }, context, details: { via: "api" } });
  return count === 1;
}
