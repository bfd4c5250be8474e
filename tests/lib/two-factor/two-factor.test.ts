import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword } from "@/lib/accounts/password-hash";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { completeChallenge, stageAfterPassword, verifyChallenge } from "@/lib/two-factor/challenge";
import {
  confirmEnrolment,
  disableTwoFactor,
  enrolmentDetails,
  regenerateRecoveryCodes,
  resetTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from "@/lib/two-factor/manage";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

const PASSWORD = "lantern orbit quietly 1984";
const context = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });
const now = () => Math.floor(Date.now() / 1000);
/** A code one step ahead: still inside the window, and newer than a code just used. */
const codeAhead = (secret: string, steps: number) => generate({ secret, epoch: now() + steps * 30 });

async function user(roles: string[] = []) {
  return db.user.create({
    data: {
      email: `${unique("tfa")}@example.com`,
      firstName: "Tess",
      lastName: "Factor",
      passwordHash: await hashPassword(PASSWORD),
      emailVerified: new Date(),
      roles: { create: roles.map((name) => ({ role: { connectOrCreate: { where: { name }, create: { name } } } })) },
    },
  });
}

/** Enrols through the real functions and returns the secret as the user's app would hold it. */
async function enrolled(roles: string[] = []) {
  const u = await user(roles);
  const session = await createSession(u.id, { rememberMe: false, context: context() });
  const sessionId = (await findActiveSession(session))!.id;
  expect(await startEnrolment(u.id, sessionId)).toEqual({ ok: true, value: undefined });
  const details = (await enrolmentDetails(u.id))!;
  const secret = details.manualKey.replace(/\s/g, "");
  const result = await confirmEnrolment(u.id, sessionId, await generate({ secret }), context());
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { user: u, sessionId, secret, recoveryCodes: result.value };
}

/** The password step for a two-factor user: a half-authenticated session and its id. */
async function passwordStep(userId: string) {
  const secret = await createSession(userId, { rememberMe: true, context: context(), twoFactorPending: true });
  return { secret, id: (await findActiveSession(secret))!.id };
}

describe("two-factor enrolment", () => {
  useTestDatabase();

  it("turns on only after a valid code, stores the secret encrypted and the recovery codes hashed", async () => {
    const u = await user();
    const session = await createSession(u.id, { rememberMe: false, context: context() });
    const other = await createSession(u.id, { rememberMe: false, context: context() });
    const sessionId = (await findActiveSession(session))!.id;
    await startEnrolment(u.id, sessionId);
    const details = (await enrolmentDetails(u.id))!;
    const secret = details.manualKey.replace(/\s/g, "");
    expect(details.qrSvg).toContain("<svg");
    expect((await twoFactorStatus(u.id)).enabled).toBe(false);

    expect(await confirmEnrolment(u.id, sessionId, "000000", context())).toMatchObject({
      ok: false,
      status: 422,
      code: "two_factor_code_invalid",
      fieldErrors: { code: expect.any(Array) },
    });
    expect((await twoFactorStatus(u.id)).enabled).toBe(false);

    const result = await confirmEnrolment(u.id, sessionId, await generate({ secret }), context());
    expect(result.ok).toBe(true);
    const codes = result.ok ? result.value : [];
    expect(codes).toHaveLength(10);

    const row = await db.user.findUniqueOrThrow({ where: { id: u.id }, include: { recoveryCodes: true } });
    expect(row.twoFactorSecret).toMatch(/^v1\./);
    expect(row.twoFactorSecret).not.toContain(secret);
    expect(row.twoFactorPendingSecret).toBeNull();
    expect(row.recoveryCodes).toHaveLength(10);
    for (const stored of row.recoveryCodes) expect(codes.map((c) => c.replace("-", ""))).not.toContain(stored.codeHash);
    expect(await findActiveSession(other)).toBeNull(); // signed in with the password alone
    expect(await findActiveSession(session)).not.toBeNull();
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.two_factor_enable" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "two-factor-enabled" } })).toBe(1);
    expect(await stageAfterPassword(u.email)).toBe("two_factor");
    expect(await authenticate(u.email, PASSWORD, context())).toMatchObject({ ok: true, value: { twoFactor: true } });
  });

  it("new recovery codes need a recent confirmation, and the old ones die", async () => {
    const { user: u, sessionId, recoveryCodes } = await enrolled();
    const fresh = await regenerateRecoveryCodes(u.id, sessionId, context());
    await db.session.update({
      where: { id: sessionId },
      data: { reauthenticatedAt: new Date(Date.now() - (systemConfig.accounts.reauthenticationMinutes + 1) * 60_000) },
    });
    expect(await regenerateRecoveryCodes(u.id, sessionId, context())).toMatchObject({
      ok: false,
      status: 401,
      code: "reauthentication_required",
      message: expect.stringMatching(/Confirm it's you/),
    });
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.two_factor_recovery_codes" } })).toBe(1);
    const { id } = await passwordStep(u.id);
    expect(await verifyChallenge(id, "recovery", recoveryCodes[0]!, context())).toMatchObject({
      ok: false,
      code: "recovery_code_invalid",
      fieldErrors: { recoveryCode: expect.any(Array) },
    });
    if (fresh.ok) expect(await verifyChallenge(id, "recovery", fresh.value[0]!, context())).toMatchObject({ ok: true });
    expect(fresh.ok).toBe(true);
  });

  it("turns off (the session signed in moments ago), unless a role requires it", async () => {
    const { user: u, sessionId } = await enrolled();
    expect(await disableTwoFactor(u.id, sessionId, context())).toEqual({ ok: true, value: undefined });
    expect(await twoFactorStatus(u.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db.recoveryCode.count({ where: { userId: u.id } })).toBe(0);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "two-factor-disabled" } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.two_factor_disable" } })).toBe(1);
    expect(await disableTwoFactor(u.id, sessionId, context())).toMatchObject({
      ok: false,
      status: 409,
      code: "two_factor_off",
      message: expect.stringMatching(/already off/),
    });

    const role = systemConfig.accounts.twoFactor.requiredForRoles[0]!;
    const required = await enrolled([role]);
    expect(await disableTwoFactor(required.user.id, required.sessionId, context())).toMatchObject({
      ok: false,
      status: 409,
      code: "two_factor_required",
      message: expect.stringMatching(/role requires/),
    });
  });

  it("lets an administrator reset it, audited with the actor and told to the owner", async () => {
    const admin = await user();
    const { user: u } = await enrolled();
    const pending = await passwordStep(u.id);
    await resetTwoFactor(u.id, admin.id, context());
    expect(await twoFactorStatus(u.id)).toMatchObject({ enabled: false });
    expect(await findActiveSession(pending.secret)).toBeNull();
    expect(await db.auditLog.findFirst({ where: { targetId: u.id, action: "user.two_factor_reset" } })).toMatchObject({
      actorId: admin.id,
    });
    expect(await db.emailMessage.count({ where: { to: u.email, template: "two-factor-reset" } })).toBe(1);
  });
});

describe("two-factor sign-in challenge", () => {
  useTestDatabase();

  it("swaps a right code for a new full session once; the half-authenticated cookie and the grant are then worthless", async () => {
    const { user: u, secret } = await enrolled();
    const pending = await passwordStep(u.id);
    expect(await findActiveSession(pending.secret)).toMatchObject({ twoFactorPending: true });

    const result = await verifyChallenge(pending.id, "totp", await codeAhead(secret, 1), context());
    if (!result.ok) throw new Error(result.code);
    const completed = await completeChallenge(result.value, context());
    if (!completed.ok) throw new Error(completed.code);
    expect(completed.value.userId).toBe(u.id);
    expect(await findActiveSession(completed.value.sessionSecret)).toMatchObject({ userId: u.id, twoFactorPending: false });
    expect(await findActiveSession(pending.secret)).toBeNull();
    const expired = { ok: false, status: 401, code: "challenge_expired" };
    expect(await completeChallenge(result.value, context())).toMatchObject(expired);
    expect(await completeChallenge("x".repeat(43), context())).toMatchObject(expired);
    expect(await db.auditLog.findFirst({ where: { targetId: u.id, action: "user.login" }, orderBy: { createdAt: "desc" } })).toMatchObject({
      details: { twoFactor: true },
    });
  });

  it("refuses a code used before (replay), even inside its window", async () => {
    const { user: u, secret } = await enrolled();
    const code = await codeAhead(secret, 1);
    const first = await passwordStep(u.id);
    expect(await verifyChallenge(first.id, "totp", code, context())).toMatchObject({ ok: true });
    const second = await passwordStep(u.id);
    const wrong = {
      ok: false,
      status: 401,
      code: "two_factor_code_invalid",
      fieldErrors: { code: [expect.stringMatching(/already used/)] },
    };
    expect(await verifyChallenge(second.id, "totp", code, context())).toMatchObject(wrong);
    // The enrolment code (the current step) is spent too.
    expect(await verifyChallenge(second.id, "totp", await generate({ secret }), context())).toMatchObject(wrong);
  });

  it("accepts each recovery code once, tells the owner and counts what is left", async () => {
    const { user: u, recoveryCodes } = await enrolled();
    const first = await passwordStep(u.id);
    expect(await verifyChallenge(first.id, "recovery", recoveryCodes[3]!.toUpperCase(), context())).toMatchObject({ ok: true });
    const second = await passwordStep(u.id);
    expect(await verifyChallenge(second.id, "recovery", recoveryCodes[3]!, context())).toMatchObject({
      ok: false,
      code: "recovery_code_invalid",
    });
    expect((await twoFactorStatus(u.id)).recoveryCodesLeft).toBe(9);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "recovery-code-used" } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { targetId: u.id, action: "user.two_factor_recovery_used" } })).toMatchObject({
      details: { left: 9 },
    });
  });

  it("locks sign-in after five wrong codes, like wrong passwords, and ends the half-authenticated session", async () => {
    const { user: u, secret } = await enrolled();
    const pending = await passwordStep(u.id);
    for (let i = 1; i < systemConfig.accounts.twoFactor.maxFailedCodes; i++) {
      expect(await verifyChallenge(pending.id, i % 2 ? "totp" : "recovery", i % 2 ? "000000" : "aaaaa-bbbbb", context())).toMatchObject({
        ok: false,
        code: i % 2 ? "two_factor_code_invalid" : "recovery_code_invalid",
      });
    }
    expect(await verifyChallenge(pending.id, "totp", "999999", context())).toMatchObject({
      ok: false,
      status: 429,
      code: "account_locked",
      retryAfterSeconds: systemConfig.accounts.lockoutMinutes * 60,
      message: expect.stringMatching(/locked after too many wrong codes/),
    });
    expect(await findActiveSession(pending.secret)).toBeNull();
    expect(await verifyChallenge(pending.id, "totp", await codeAhead(secret, 1), context())).toMatchObject({
      ok: false,
      code: "challenge_expired",
    });
    expect(await authenticate(u.email, PASSWORD, context())).toMatchObject({ ok: false, code: "account_locked" });
    expect(await db.emailMessage.count({ where: { to: u.email, template: "account-locked" } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { targetId: u.id, action: "user.locked" } })).toMatchObject({
      details: { reason: "two_factor" },
    });
  });

  it("does not treat a full session or another user's session as a challenge", async () => {
    const { user: u, secret } = await enrolled();
    const full = await createSession(u.id, { rememberMe: false, context: context() });
    expect(await verifyChallenge((await findActiveSession(full))!.id, "totp", await codeAhead(secret, 1), context())).toMatchObject({
      ok: false,
      status: 401,
      code: "challenge_expired",
    });
    expect(await verifyChallenge("no-such-session", "totp", "123456", context())).toMatchObject({ ok: false, code: "challenge_expired" });
  });

  it("sends a user of a role that requires two-factor to enrolment", async () => {
    const u = await user([systemConfig.accounts.twoFactor.requiredForRoles[0]!]);
    expect(await stageAfterPassword(u.email)).toBe("enrolment");
    expect(await stageAfterPassword((await user()).email)).toBe("active");
  });
});
