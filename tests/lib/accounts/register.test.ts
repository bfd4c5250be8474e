import { describe, expect, it } from "vitest";
import { registerUser, verifyEmail } from "@/lib/accounts/register";
import { db } from "@/lib/db";
import { unique, useTestDatabase } from "../../helpers/database";

const context = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });
const data = (email: string) => ({
  firstName: "Ada",
  lastName: "Lovelace",
  email,
  dateOfBirth: "1990-12-10",
  password: "lantern orbit quietly 1984",
  confirmPassword: "lantern orbit quietly 1984",
});

function tokenFrom(text: string): string {
  return new URL(/https?:\/\/\S+/.exec(text)![0]).searchParams.get("token")!;
}

describe("registration", () => {
  useTestDatabase();

  it("creates an unverified user with the user role, audits it and emails a link that verifies once", async () => {
    const email = `${unique("reg")}@example.com`;
    expect(await registerUser(data(email), context())).toEqual({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { roles: { include: { role: true } } } });
    expect(user.emailVerified).toBeNull();
    expect(user.passwordHash).toMatch(/^v1\$/);
    expect(user.dateOfBirth?.toISOString().slice(0, 10)).toBe("1990-12-10");
    expect(user.roles.map((r) => r.role.name)).toEqual(["user"]);
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.register" } })).toBe(1);

    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: email, template: "verify-email" } });
    const token = tokenFrom(mail.text);
    expect(await verifyEmail(token, context())).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).not.toBeNull();
    expect(await verifyEmail(token, context())).toMatchObject({ ok: false, status: 409, code: "token_used" });
  });

  it("answers a taken address exactly like a new one, and tells the owner instead", async () => {
    const email = `${unique("taken")}@example.com`;
    await registerUser(data(email), context());
    expect(await registerUser({ ...data(email), firstName: "Mallory" }, context())).toEqual({ ok: true });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: email, template: "already-registered" } })).toBe(1);
  });

  it("refuses a password the policy rejects, with the reason on the password field, and creates nothing", async () => {
    const email = `${unique("weak")}@example.com`;
    const result = await registerUser({ ...data(email), password: "ada lovelace rocks", confirmPassword: "ada lovelace rocks" }, context());
    expect(result).toMatchObject({
      ok: false,
      status: 422,
      code: "weak_password",
      fieldErrors: { password: [expect.stringMatching(/name or email/)] },
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("registration limits", () => {
  useTestDatabase();

  it("limits registrations per address, whoever sends them, so no inbox can be flooded", async () => {
    const email = `${unique("flood")}@example.com`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await registerUser(data(email), context()));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, status: 429, code: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect(await db.emailMessage.count({ where: { to: email } })).toBe(3);
  });
});
