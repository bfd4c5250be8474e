import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { requestEmailChange } from "@/lib/accounts/email-change";
import { endOtherSessions, endSession } from "@/lib/accounts/own-sessions";
import { hashPassword } from "@/lib/accounts/password-hash";
import { hasRecentReauthentication, reauthenticate } from "@/lib/accounts/reauthentication";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { confirmEnrolment, disableTwoFactor, enrolmentDetails, startEnrolment, twoFactorStatus } from "@/lib/two-factor/manage";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

const PASSWORD = "lantern orbit quietly 1984";
const context = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });
const refused = { ok: false, status: 401, code: "reauthentication_required", message: expect.stringMatching(/Confirm it's you/) };

async function signedIn() {
  const u = await db.user.create({
    data: {
      email: `${unique("reauth")}@example.com`,
      firstName: "Re",
      lastName: "Auth",
      passwordHash: await hashPassword(PASSWORD),
      emailVerified: new Date(),
    },
  });
  const secret = await createSession(u.id, { rememberMe: false, context: context() });
  return { user: u, sessionId: (await findActiveSession(secret))!.id };
}

/** Pretends the sign-in (or the last confirmation) was just over the allowed minutes ago. */
async function makeStale(sessionId: string) {
  const past = new Date(Date.now() - (systemConfig.accounts.reauthenticationMinutes * 60 + 5) * 1000);
  await db.session.update({ where: { id: sessionId }, data: { reauthenticatedAt: past } });
}

/** Enrolled while fresh; returns the secret as the user's app holds it. */
async function withTwoFactor(userId: string, sessionId: string) {
  expect(await startEnrolment(userId, sessionId)).toEqual({ ok: true });
  const secret = (await enrolmentDetails(userId))!.manualKey.replace(/\s/g, "");
  expect(await confirmEnrolment(userId, sessionId, await generate({ secret }), context())).toMatchObject({ ok: true });
  return secret;
}

describe("confirm it's you", () => {
  useTestDatabase();

  it("counts a fresh sign-in, but not a half-finished two-factor one", async () => {
    const { user: u, sessionId } = await signedIn();
    expect(await hasRecentReauthentication(sessionId)).toBe(true);
    const pending = await createSession(u.id, { rememberMe: false, context: context(), twoFactorPending: true });
    expect(await hasRecentReauthentication((await findActiveSession(pending))!.id)).toBe(false);
  });

  it("takes the password, stamps the session and audits; a wrong one is refused and audited", async () => {
    const { user: u, sessionId } = await signedIn();
    await makeStale(sessionId);
    expect(await hasRecentReauthentication(sessionId)).toBe(false);
    expect(await reauthenticate(sessionId, u.id, { password: "not the password at all" }, context())).toMatchObject({
      ok: false,
      status: 401,
      code: "invalid_credentials",
      fieldErrors: { password: expect.any(Array) },
    });
    expect(await hasRecentReauthentication(sessionId)).toBe(false);
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.reauthenticate_failed" } })).toBe(1);
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toEqual({ ok: true });
    expect(await hasRecentReauthentication(sessionId)).toBe(true);
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.reauthenticate" } })).toBe(1);
  });

  it("takes a current two-factor code, once, and no code from someone without two-factor", async () => {
    const plain = await signedIn();
    await makeStale(plain.sessionId);
    expect(await reauthenticate(plain.sessionId, plain.user.id, { code: "123456" }, context())).toMatchObject({
      ok: false,
      status: 401,
      code: "two_factor_code_invalid",
      fieldErrors: { code: expect.any(Array) },
    });

    const { user: u, sessionId } = await signedIn();
    const secret = await withTwoFactor(u.id, sessionId);
    await makeStale(sessionId);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(await reauthenticate(sessionId, u.id, { code }, context())).toEqual({ ok: true });
    expect(await hasRecentReauthentication(sessionId)).toBe(true);
    await makeStale(sessionId);
    expect(await reauthenticate(sessionId, u.id, { code }, context())).toMatchObject({ ok: false }); // replayed
  });

  it("is refused for someone else's session", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await reauthenticate(a.sessionId, b.user.id, { password: PASSWORD }, context())).toMatchObject({
      ok: false,
      status: 401,
      code: "session_ended",
    });
  });

  it("is limited like signing in", async () => {
    const { user: u, sessionId } = await signedIn();
    for (let i = 0; i < 10; i++) await reauthenticate(sessionId, u.id, { password: "wrong wrong wrong" }, context());
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toMatchObject({
      ok: false,
      status: 429,
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
  });
});

describe("sensitive changes need a recent confirmation", () => {
  useTestDatabase();

  it("changing the email address", async () => {
    const { user: u, sessionId } = await signedIn();
    const newEmail = `${unique("new")}@example.com`;
    await makeStale(sessionId);
    expect(await requestEmailChange(u.id, sessionId, { newEmail }, context())).toEqual(refused);
    expect(await db.accountToken.count({ where: { userId: u.id } })).toBe(0);
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toEqual({ ok: true });
    expect(await requestEmailChange(u.id, sessionId, { newEmail }, context())).toEqual({ ok: true });
  });

  it("enrolling in two-factor", async () => {
    const { user: u, sessionId } = await signedIn();
    await makeStale(sessionId);
    expect(await startEnrolment(u.id, sessionId)).toEqual(refused);
    expect(await enrolmentDetails(u.id)).toBeNull();
    // A set-up begun in time cannot be finished once the confirmation is stale.
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toEqual({ ok: true });
    expect(await startEnrolment(u.id, sessionId)).toEqual({ ok: true });
    const secret = (await enrolmentDetails(u.id))!.manualKey.replace(/\s/g, "");
    await makeStale(sessionId);
    expect(await confirmEnrolment(u.id, sessionId, await generate({ secret }), context())).toEqual(refused);
    expect((await twoFactorStatus(u.id)).enabled).toBe(false);
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toEqual({ ok: true });
    expect(await confirmEnrolment(u.id, sessionId, await generate({ secret }), context())).toMatchObject({ ok: true });
  });

  it("turning two-factor off", async () => {
    const { user: u, sessionId } = await signedIn();
    const secret = await withTwoFactor(u.id, sessionId);
    await makeStale(sessionId);
    expect(await disableTwoFactor(u.id, sessionId, context())).toEqual(refused);
    expect((await twoFactorStatus(u.id)).enabled).toBe(true);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(await reauthenticate(sessionId, u.id, { code }, context())).toEqual({ ok: true });
    expect(await disableTwoFactor(u.id, sessionId, context())).toEqual({ ok: true });
    expect((await twoFactorStatus(u.id)).enabled).toBe(false);
  });

  it("ending other sessions, one or all", async () => {
    const { user: u, sessionId } = await signedIn();
    const other = await createSession(u.id, { rememberMe: false, context: context() });
    const otherId = (await findActiveSession(other))!.id;
    await makeStale(sessionId);
    expect(await endSession(u.id, sessionId, otherId, context())).toEqual(refused);
    expect(await endOtherSessions(u.id, sessionId, context())).toEqual(refused);
    expect(await findActiveSession(other)).not.toBeNull();
    expect(await reauthenticate(sessionId, u.id, { password: PASSWORD }, context())).toEqual({ ok: true });
    expect(await endOtherSessions(u.id, sessionId, context())).toEqual({ ok: true, value: 1 });
    expect(await findActiveSession(other)).toBeNull();
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "session.revoke" } })).toBe(1);
  });
});
