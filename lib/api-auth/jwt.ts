import "server-only";
import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { done, refuse } from "@/lib/outcome";
import { actorColumns, actorFrom, type ActorColumns } from "@/lib/users/actor";
import type { BearerVerifier } from "./bearer";

// Access JWTs for programs (RFC 9068 profile). HS256 under API_JWT_SECRET: this server both issues and
// verifies them, so a shared key is enough, and one algorithm pinned at verification shuts out alg=none and
// algorithm confusion. The token is a short-lived pointer to an API session row: every use checks that row,
// so ending the session (sign-out everywhere, password reset, disable, /account) ends the token at once. The
// signature is checked before the database; the session row and its person come back in one round trip.

const ALGORITHM = "HS256";
const TYPE = "at+jwt";
export const ACCESS_TOKEN_SECONDS = 15 * 60;
const TOUCH_EVERY_MS = 60_000; // "last seen" on /account without a write per request

const key = new TextEncoder().encode(env.API_JWT_SECRET);
const issuer = new URL(env.APP_URL ?? "http://localhost:3000").origin;
const audience = `${issuer}/api`;

/** Three base64url parts (the signature may be empty: alg=none is then refused, not passed on). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export async function signAccessToken(userId: string, sessionId: string): Promise<string> {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(key);
}

const invalidToken = () => refuse(401, "That token is not valid.", { code: "invalid_token" });

async function claimsOf(token: string): Promise<{ sub: string; sid: string; jti: string } | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer,
      audience,
      typ: TYPE,
      maxTokenAge: ACCESS_TOKEN_SECONDS,
      requiredClaims: ["exp", "iat", "sub", "jti"],
    });
    const { sub, sid, jti, exp, iat } = payload;
    // A token promising a longer life than any this server issues was not made by this code: refuse it whole.
    if (exp! - iat! > ACCESS_TOKEN_SECONDS) return null;
    return typeof sub === "string" && typeof sid === "string" && typeof jti === "string" ? { sub, sid, jti } : null;
  } catch {
    return null;
  }
}

type SessionWithUser = ActorColumns & {
  kind: string;
  twoFactorPending: boolean;
  expires: Date;
  absoluteExpiresAt: Date;
  lastSeenAt: Date;
};

async function findSessionWithUser(sessionId: string): Promise<SessionWithUser | null> {
  const [row] = await db.$queryRaw<SessionWithUser[]>`
    SELECT s.kind::text AS kind, s."twoFactorPending", s.expires, s."absoluteExpiresAt", s."lastSeenAt", ${actorColumns}
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}`;
  return row ?? null;
}

export const verifyAccessToken: BearerVerifier = async (token) => {
  if (!JWT_SHAPE.test(token)) return null;
  const claims = await claimsOf(token);
  if (!claims) return invalidToken();
  const session = await findSessionWithUser(claims.sid);
  const now = Date.now();
  if (
    !session ||
    session.kind !== "API" ||
    session.twoFactorPending ||
    session.actorId !== claims.sub ||
    session.expires.getTime() <= now ||
    session.absoluteExpiresAt.getTime() <= now
  )
    return invalidToken();
  const loaded = await actorFrom(session, claims.sid);
  if (!loaded) return invalidToken();
  // A role that now requires two-factor the account has not set up: the web would send them to set it up.
  if (loaded.twoFactorOwed)
    return refuse(403, "Set up two-factor authentication in the web app first.", { code: "two_factor_setup_required" });
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.session.updateMany({ where: { id: claims.sid }, data: { lastSeenAt: new Date(now) } });
  return done({ actor: loaded.user, via: "jwt", tokenId: claims.jti });
};
