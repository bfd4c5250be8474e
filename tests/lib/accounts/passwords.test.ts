import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/accounts/password-hash";
import { changePassword, findResetTokenOwner, requestPasswordReset, resetPassword } from "@/lib/accounts/passwords";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { unique, useTestDatabase } from "../../helpers/database";
import { latestLinkToken } from "../../helpers/mail";

const OLD = "lantern orbit quietly 1984";
const NEW = "copper kettle sings at dawn";
const context = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });

async function user() {
  return db.user.create({
    data: {
      email: `${unique("pw")}@example.com`,
      firstName: "Pat",
      lastName: "Word",
      passwordHash: await hashPassword(OLD),
      emailVerified: new Date(),
    },
  });
}

describe("password reset", () => {
  useTestDatabase();

  it("answers the same for unknown and known addresses", async () => {
    const u = await user();
    expect(await requestPasswordReset(u.email, context())).toEqual({ ok: true });
    expect(await requestPasswordReset(`${unique("nobody")}@example.com`, context())).toEqual({ ok: true });
  });

  it("sets the new password from a single-use link and ends every session", async () => {
    const u = await user();
    const session = await createSession(u.id, { rememberMe: true, context: context() });
    await requestPasswordReset(u.email, context());
    const token = await latestLinkToken(u.email, "password-reset");
    expect((await findResetTokenOwner(token))?.id).toBe(u.id);

    expect(await resetPassword(token, "pat word is weak", context())).toMatchObject({
      ok: false,
      status: 422,
      code: "weak_password",
      fieldErrors: { password: expect.any(Array) },
    });
    expect(await resetPassword(token, NEW, context())).toEqual({ ok: true });
    const updated = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(NEW, updated.passwordHash!)).toBe(true);
    expect(await findActiveSession(session)).toBeNull();
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.password_reset" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "password-changed" } })).toBe(1);

    expect(await resetPassword(token, "another fine passphrase here", context())).toMatchObject({
      ok: false,
      status: 404,
      code: "token_invalid",
      message: expect.stringMatching(/not valid/),
    });
  });
});

describe("password change", () => {
  useTestDatabase();

  it("needs the current password, keeps this session and ends the others", async () => {
    const u = await user();
    const here = await createSession(u.id, { rememberMe: false, context: context() });
    const elsewhere = await createSession(u.id, { rememberMe: false, context: context() });
    const current = await findActiveSession(here);

    expect(await changePassword(u.id, current!.id, { currentPassword: "wrong current one", password: NEW }, context())).toMatchObject({
      ok: false,
      status: 401,
      code: "invalid_credentials",
      fieldErrors: { currentPassword: expect.any(Array) },
    });
    expect(await changePassword(u.id, current!.id, { currentPassword: OLD, password: NEW }, context())).toEqual({ ok: true });
    expect(await findActiveSession(here)).not.toBeNull();
    expect(await findActiveSession(elsewhere)).toBeNull();
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.password_change" } })).toBe(1);
  });
});
