import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import { hashToken, randomToken } from "@/lib/secure-token";
import { systemConfig } from "@/system.config";
import { actorColumns, type ActorColumns } from "@/lib/users/actor";

// Server-side sessions. The browser's cookie carries a 256-bit secret (inside Auth.js's encrypted token);
// the database keeps its SHA-256 with the deadlines. Every request looks the row up, so deleting it
// (logout, revoke, password reset) ends that session at once, even for a copied cookie.

const minutes = (n: number) => n * 60_000;
const idleMs = minutes(systemConfig.accounts.idleTimeoutMinutes);
const TOUCH_EVERY_MS = 60_000; // sliding the idle deadline on every request would be a write per request

/** A live session; `user` is its owner with their roles as they are now (lib/auth/current-user.ts makes the actor). */
export type ActiveSession = { id: string; userId: string; twoFactorPending: boolean; user: ActorColumns };

type SessionOptions = { rememberMe: boolean; context: RequestContext; twoFactorPending?: boolean; kind?: "WEB" | "API" };

/** A new session and the secret for its cookie. A half-authenticated one lives only as long as its challenge. */
export async function createSession(userId: string, options: SessionOptions, client: Prisma.TransactionClient = db): Promise<string> {
  const secret = randomToken();
  const now = Date.now();
  const absoluteMs = options.twoFactorPending
    ? minutes(systemConfig.accounts.twoFactor.challengeMinutes)
    : options.rememberMe
      ? systemConfig.accounts.rememberMeDays * 24 * 60 * 60_000
      : systemConfig.accounts.absoluteTimeoutHours * 60 * 60_000;
  await client.session.create({
    data: {
      sessionToken: hashToken(secret),
      userId,
      rememberMe: options.rememberMe,
      twoFactorPending: options.twoFactorPending ?? false,
      kind: options.kind ?? "WEB",
      // Signing in is the freshest proof of who someone is (a half-authenticated session proves nothing yet).
      reauthenticatedAt: options.twoFactorPending ? null : new Date(now),
      expires: new Date(now + (options.rememberMe || options.twoFactorPending ? absoluteMs : idleMs)),
      absoluteExpiresAt: new Date(now + absoluteMs),
      ipAddress: options.context.ipAddress,
      userAgent: options.context.userAgent,
    },
  });
  return secret;
}

type SessionRow = ActorColumns & {
  id: string;
  expires: Date;
  absoluteExpiresAt: Date;
  lastSeenAt: Date;
  rememberMe: boolean;
  twoFactorPending: boolean;
  kind: string;
};

/**
 * The live session behind a cookie secret, with its user and their roles, or null
 * (unknown, revoked, idle too long, past its end, user disabled). One round trip; a second, at most once a
 * minute, slides the idle deadline.
 */
export async function findActiveSession(secret: unknown): Promise<ActiveSession | null> {
  if (typeof secret !== "string" || secret.length !== 43) return null;
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id, s.expires, s."absoluteExpiresAt", s."lastSeenAt", s."rememberMe", s."twoFactorPending", s.kind::text AS kind,
      ${actorColumns}
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s."sessionToken" = ${hashToken(secret)}`;
  // An API session's secret is never handed out, but a cookie must not reach one even so.
  if (!session || session.kind !== "WEB") return null;
  const now = Date.now();
  if (session.expires.getTime() <= now || session.absoluteExpiresAt.getTime() <= now || session.status !== "ACTIVE") {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const expires = session.rememberMe ? session.absoluteExpiresAt : new Date(Math.min(now + idleMs, session.absoluteExpiresAt.getTime()));
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now), expires } });
  }
  const { actorId, email, firstName, lastName, status, deleted, twoFactorEnabled, roleRefs, permissionsVersion } = session;
  const user = { actorId, email, firstName, lastName, status, deleted, twoFactorEnabled, roleRefs, permissionsVersion };
  return { id: session.id, userId: actorId, twoFactorPending: session.twoFactorPending, user };
}

export async function deleteSessionBySecret(secret: unknown): Promise<Omit<ActiveSession, "user"> | null> {
  if (typeof secret !== "string") return null;
  const session = await db.session.findUnique({
    where: { sessionToken: hashToken(secret) },
    select: { id: true, userId: true, twoFactorPending: true },
  });
  if (session) await db.session.deleteMany({ where: { id: session.id } });
  return session;
}

export async function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, twoFactorPending: false, expires: { gt: new Date() }, absoluteExpiresAt: { gt: new Date() } },
    select: { id: true, ipAddress: true, userAgent: true, createdAt: true, lastSeenAt: true, rememberMe: true, kind: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

/** Revokes one of the user's own sessions; returns false for someone else's or an unknown id. */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  return count === 1;
}

export async function revokeOtherSessions(userId: string, keepSessionId: string | null): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  return count;
}
