import { describe, expect, it } from "vitest";
import { cancelEmailChange, confirmEmailChange, requestEmailChange } from "@/lib/accounts/email-change";
import { endOtherSessions } from "@/lib/accounts/own-sessions";
import { hashPassword } from "@/lib/accounts/password-hash";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/accounts/passwords";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { revokeUserSessions, setUserDisabled } from "@/lib/users/manage";
import { unique, useTestDatabase } from "../../helpers/database";
import { latestLinkToken } from "../../helpers/mail";
import { system } from "@/modules";

const OLD = "lantern orbit quietly 1984";
const NEW = "copper kettle sings at dawn";
const context = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });
const admin = (id: string) => ({ id, permissions: new Set(system.permissions.map((p) => p.key)) });

async function user() {
  return db.user.create({
    data: {
      email: `${unique("mail")}@example.com`,
      firstName: "Em",
      lastName: "Ail",
      passwordHash: await hashPassword(OLD),
      emailVerified: new Date(),
    },
  });
}

/** A user signed in just now (which counts as confirming it's them), with the session's id. */
async function signedIn() {
  const u = await user();
  const secret = await createSession(u.id, { rememberMe: false, context: context() });
  return { user: u, secret, sessionId: (await findActiveSession(secret))!.id };
}

/** Asks for a change and returns the link tokens both addresses received. */
async function pendingChange(userId: string, sessionId: string, oldEmail: string) {
  const newEmail = `${unique("new")}@example.com`;
  expect(await requestEmailChange(userId, sessionId, { newEmail }, context())).toEqual({ ok: true });
  return {
    newEmail,
    confirm: await latestLinkToken(newEmail, "confirm-new-email"),
    cancel: await latestLinkToken(oldEmail, "email-change-requested"),
  };
}

describe("email change", () => {
  useTestDatabase();

  it("moves the account only once the new address confirms, and tells the old one before and after", async () => {
    const { user: u, sessionId } = await signedIn();
    const { newEmail, confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(u.email);
    const notice = await db.emailMessage.findFirstOrThrow({ where: { to: u.email, template: "email-change-requested" } });
    expect(notice.text).toContain(newEmail);
    expect(notice.text).toContain("/cancel-email-change?token=");

    expect(await confirmEmailChange(confirm, context())).toEqual({ ok: true, value: newEmail });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(newEmail);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "email-changed" } })).toBe(1);
    expect(await confirmEmailChange(confirm, context())).toMatchObject({ ok: false, status: 409, code: "token_used" });
    // Nothing is left to cancel once the change is done.
    expect(await cancelEmailChange(cancel, context())).toMatchObject({ ok: false });
  });

  it("refuses an address another account took in the meantime, and changes nothing", async () => {
    const { user: u, sessionId } = await signedIn();
    const other = await user();
    const { newEmail, confirm } = await pendingChange(u.id, sessionId, u.email);
    await db.user.update({ where: { id: other.id }, data: { email: newEmail } });
    expect(await confirmEmailChange(confirm, context())).toMatchObject({
      ok: false,
      status: 409,
      code: "email_taken",
      message: expect.stringMatching(/Another account uses that address/),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(u.email);
  });

  it("is cancelled from the old address: the confirm link dies, once, audited", async () => {
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect(await cancelEmailChange(cancel, context())).toEqual({ ok: true });
    expect(await confirmEmailChange(confirm, context())).toMatchObject({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(u.email);
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.email_change_cancel" } })).toBe(1);
    expect(await cancelEmailChange(cancel, context())).toMatchObject({ ok: false, status: 409, code: "token_used" });
    expect(await cancelEmailChange("not-a-token", context())).toMatchObject({ ok: false, status: 404, code: "token_invalid" });
  });
});

describe("a pending email change dies when the account is secured again", () => {
  useTestDatabase();

  const expectVoided = async (confirm: string, cancel: string, email: string, userId: string) => {
    expect(await confirmEmailChange(confirm, context())).toMatchObject({ ok: false });
    expect(await cancelEmailChange(cancel, context())).toMatchObject({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
  };

  it("on a password reset", async () => {
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    await requestPasswordReset(u.email, context());
    expect(await resetPassword(await latestLinkToken(u.email, "password-reset"), NEW, context())).toEqual({ ok: true });
    await expectVoided(confirm, cancel, u.email, u.id);
  });

  it("on a password change", async () => {
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect(await changePassword(u.id, sessionId, { currentPassword: OLD, password: NEW }, context())).toEqual({ ok: true });
    await expectVoided(confirm, cancel, u.email, u.id);
  });

  it("when the user signs out everywhere else", async () => {
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect(await endOtherSessions(u.id, sessionId, context())).toMatchObject({ ok: true });
    await expectVoided(confirm, cancel, u.email, u.id);
  });

  it("when an administrator signs the user out everywhere", async () => {
    const actor = await user();
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect(await revokeUserSessions(admin(actor.id), u.id, context())).toMatchObject({ ok: true });
    await expectVoided(confirm, cancel, u.email, u.id);
  });

  it("when an administrator disables the account", async () => {
    const actor = await user();
    const { user: u, sessionId } = await signedIn();
    const { confirm, cancel } = await pendingChange(u.id, sessionId, u.email);
    expect(await setUserDisabled(admin(actor.id), u.id, true, context())).toMatchObject({ ok: true });
    await expectVoided(confirm, cancel, u.email, u.id);
  });
});
