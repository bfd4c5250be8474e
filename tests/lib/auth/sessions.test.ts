import { describe, expect, it } from "vitest";
import { createSession, findActiveSession, listSessions, revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/secure-token";
import { unique, useTestDatabase } from "../../helpers/database";

const context = { ipAddress: "198.51.100.4", userAgent: "Test/1.0", requestId: null };

async function user() {
  return db.user.create({ data: { email: `${unique("sess")}@example.com`, firstName: "S", lastName: "U", emailVerified: new Date() } });
}

describe("server-side sessions", () => {
  useTestDatabase();

  it("stores only the hash of a 256-bit secret, with device details", async () => {
    const { id } = await user();
    const secret = await createSession(id, { rememberMe: false, context });
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    const [row] = await db.session.findMany({ where: { userId: id } });
    expect(row).toMatchObject({ sessionToken: hashToken(secret), ipAddress: "198.51.100.4", userAgent: "Test/1.0" });
    expect(await findActiveSession(secret)).toMatchObject({ id: row!.id, userId: id, twoFactorPending: false });
  });

  it("ends a session idle for too long, or past its absolute end, and deletes the row", async () => {
    const { id } = await user();
    const idle = await createSession(id, { rememberMe: false, context });
    await db.session.updateMany({ where: { sessionToken: hashToken(idle) }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findActiveSession(idle)).toBeNull();
    const old = await createSession(id, { rememberMe: false, context });
    await db.session.updateMany({ where: { sessionToken: hashToken(old) }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await findActiveSession(old)).toBeNull();
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
  });

  it("slides the idle deadline on activity but never past the absolute one", async () => {
    const { id } = await user();
    const secret = await createSession(id, { rememberMe: false, context });
    const absolute = new Date(Date.now() + 5 * 60_000);
    await db.session.updateMany({
      where: { sessionToken: hashToken(secret) },
      data: { lastSeenAt: new Date(Date.now() - 120_000), absoluteExpiresAt: absolute },
    });
    expect(await findActiveSession(secret)).not.toBeNull();
    const row = await db.session.findFirstOrThrow({ where: { userId: id } });
    expect(row.expires.getTime()).toBeLessThanOrEqual(absolute.getTime());
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("refuses a disabled user's session and any malformed secret", async () => {
    const { id } = await user();
    const secret = await createSession(id, { rememberMe: true, context });
    await db.user.update({ where: { id }, data: { status: "DISABLED" } });
    expect(await findActiveSession(secret)).toBeNull();
    expect(await findActiveSession(undefined)).toBeNull();
    expect(await findActiveSession("x".repeat(43))).toBeNull();
  });

  it("revokes one's own sessions only, one or all others", async () => {
    const owner = await user();
    const stranger = await user();
    const keep = await createSession(owner.id, { rememberMe: false, context });
    await createSession(owner.id, { rememberMe: false, context });
    await createSession(owner.id, { rememberMe: false, context });
    const strangers = await createSession(stranger.id, { rememberMe: false, context });
    const strangerSession = await findActiveSession(strangers);
    expect(await revokeSession(owner.id, strangerSession!.id)).toBe(false);
    const kept = await findActiveSession(keep);
    expect(await listSessions(owner.id)).toHaveLength(3);
    expect(await revokeOtherSessions(owner.id, kept!.id)).toBe(2);
    expect((await listSessions(owner.id)).map((s) => s.id)).toEqual([kept!.id]);
    expect(await findActiveSession(strangers)).not.toBeNull();
  });
});
