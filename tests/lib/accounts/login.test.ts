import { describe, expect, it, vi } from "vitest";
import { loginAction } from "@/app/(auth)/login/actions";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword } from "@/lib/accounts/password-hash";
import { db } from "@/lib/db";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

const PASSWORD = "lantern orbit quietly 1984";

// Counts bcrypt verifications: timing equality comes from every failure path paying exactly one.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/accounts/password-hash", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/accounts/password-hash")>();
  return {
    ...original,
    verifyPassword: async (password: string, stored: string) => {
      verifications.count++;
      return original.verifyPassword(password, stored);
    },
  };
});
// The sign-in action outside Next: the caller's address from request headers; malformed input never reaches Auth.js.
// As behind server.mjs with no proxy: X-Forwarded-For holds the socket's address alone.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.41", "user-agent": "Test" }) }));
vi.mock("next-auth", () => ({ AuthError: class extends Error {} }));
vi.mock("@/lib/auth", () => ({
  LoginError: class extends Error {},
  signIn: async () => {
    throw new Error("malformed input reached Auth.js");
  },
}));

const { maxFailedLogins, lockoutMinutes } = systemConfig.accounts;
// Locked until the window that began with the first failure ends: a few seconds of this test under 15 minutes.
const lockedForTheWindow = {
  ok: false,
  status: 429,
  code: "account_locked",
  message: expect.stringMatching(/^Too many attempts: sign-in is locked for 1[45] minutes\./),
  retryAfterSeconds: expect.toSatisfy((s: number) => s > lockoutMinutes * 60 - 120 && s <= lockoutMinutes * 60),
};
// Unknown address and wrong password: one refusal, word for word.
const invalid = { ok: false, status: 401, code: "invalid_credentials", message: "The email address or password is not right." };
const ctx = () => ({ ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null });

async function user(overrides: { emailVerified?: Date | null; status?: "ACTIVE" | "DISABLED" } = {}) {
  return db.user.create({
    data: {
      email: `${unique("login")}@example.com`,
      firstName: "L",
      lastName: "U",
      passwordHash: await hashPassword(PASSWORD),
      emailVerified: "emailVerified" in overrides ? overrides.emailVerified : new Date(),
      status: overrides.status ?? "ACTIVE",
    },
  });
}

describe("authenticate", () => {
  useTestDatabase();

  it("accepts the right password and audits nothing as a failure", async () => {
    const u = await user();
    expect(await authenticate(u.email, PASSWORD, ctx())).toEqual({ ok: true, value: { userId: u.id, twoFactor: false } });
  });

  it("gives an unknown address and a wrong password the same answer", async () => {
    const u = await user();
    expect(await authenticate(u.email, "not the password at all", ctx())).toEqual(invalid);
    expect(await authenticate(`${unique("nobody")}@example.com`, PASSWORD, ctx())).toEqual(invalid);
  });

  it("pays for exactly one bcrypt verification whether the address is unknown or the password wrong", async () => {
    const u = await user();
    const verificationsFor = async (email: string) => {
      verifications.count = 0;
      await authenticate(email, "not the password at all", ctx());
      return verifications.count;
    };
    expect(await verificationsFor(`${unique("nobody")}@example.com`)).toBe(1);
    expect(await verificationsFor(u.email)).toBe(1);
  });

  it(`locks at the ${systemConfig.accounts.maxFailedLogins}th wrong password and says for how long, emails the owner and audits it`, async () => {
    const u = await user();
    for (let i = 1; i < maxFailedLogins; i++) expect(await authenticate(u.email, `wrong ${i}`, ctx())).toEqual(invalid);
    expect(await authenticate(u.email, "wrong at last", ctx())).toEqual(lockedForTheWindow);
    expect(await authenticate(u.email, PASSWORD, ctx())).toMatchObject({
      ok: false,
      code: "account_locked",
      retryAfterSeconds: expect.any(Number),
    });
    const locked = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.locked" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "account-locked" } })).toBe(1);
  }, 90_000);

  it("locks an unknown address at the same try, for the same time, so the lock reveals nothing", async () => {
    const email = `${unique("ghost")}@example.com`;
    for (let i = 1; i < maxFailedLogins; i++) expect(await authenticate(email, `wrong ${i}`, ctx())).toEqual(invalid);
    expect(await authenticate(email, "wrong at last", ctx())).toEqual(lockedForTheWindow);
    expect(await authenticate(email, PASSWORD, ctx())).toMatchObject({ ok: false, code: "account_locked" });
  }, 90_000);

  it("forgets a real account's old failures when the window ends, exactly like an unknown address's", async () => {
    const known = (await user()).email;
    const unknown = `${unique("ghost")}@example.com`;
    for (const email of [known, unknown]) {
      for (let i = 1; i < maxFailedLogins; i++) await authenticate(email, `wrong ${i}`, ctx());
      // The window started with the first failure; move its end into the past.
      await db.rateLimitCounter.updateMany({ where: { key: `login-failed:${email}` }, data: { resetAt: new Date(Date.now() - 1000) } });
    }
    // Without the old failures, the next one is the first of a new window: not the one that locks.
    for (const email of [known, unknown]) expect(await authenticate(email, "wrong again", ctx())).toEqual(invalid);
    expect(await db.user.findUniqueOrThrow({ where: { email: known } })).toMatchObject({ lockedUntil: null });
  }, 90_000);

  it("refuses an unverified or disabled account only after the right password", async () => {
    const unverified = await user({ emailVerified: null });
    expect(await authenticate(unverified.email, "wrong password here", ctx())).toEqual(invalid);
    expect(await authenticate(unverified.email, PASSWORD, ctx())).toMatchObject({ status: 403, code: "email_unverified" });
    const disabled = await user({ status: "DISABLED" });
    expect(await authenticate(disabled.email, "wrong password here", ctx())).toEqual(invalid);
    expect(await authenticate(disabled.email, PASSWORD, ctx())).toMatchObject({ status: 403, code: "account_disabled" });
  });

  it("rate-limits one address hammering many accounts", async () => {
    const context = { ipAddress: "192.0.2.77", userAgent: "Test", requestId: null };
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await authenticate(`${unique("spray")}@example.com`, "x", context));
    expect(results.at(-1)).toMatchObject({ ok: false, status: 429, code: "rate_limited", retryAfterSeconds: expect.any(Number) });
  }, 90_000); // 21 bcrypt verifications: past 30 s on two busy cores, like the lockout tests above

  it("audits every refused sign-in with its reason: wrong password, unknown address, locked, rate limited, malformed input", async () => {
    const reasons = async (where: object) =>
      (await db.auditLog.findMany({ where: { action: "user.login_failed", ...where }, orderBy: { createdAt: "asc" } })).map(
        (row) => (row.details as { reason: string }).reason,
      );
    const u = await user();
    await authenticate(u.email, "not the password at all", ctx());
    await db.user.update({ where: { id: u.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    await authenticate(u.email, PASSWORD, ctx());
    expect(await reasons({ targetId: u.id })).toEqual(["bad_password", "locked"]);

    const nobody = `${unique("nobody")}@example.com`;
    await authenticate(nobody, PASSWORD, ctx());
    for (let i = 0; i < rateLimits.loginByAccount.limit; i++) await consumeRateLimit(rateLimits.loginByAccount, nobody);
    expect(await authenticate(nobody, PASSWORD, ctx())).toMatchObject({ code: "rate_limited" });
    expect(await reasons({ details: { path: ["email"], equals: nobody } })).toEqual(["unknown_email", "rate_limited"]);

    for (const input of [
      { email: "not an address", password: "x" },
      { email: nobody, password: "" },
      { email: nobody, password: 42 },
      "junk",
    ]) {
      expect(await loginAction(input)).toMatchObject({ ok: false, status: 422, code: "invalid_input" });
    }
    expect(await reasons({ ipAddress: "203.0.113.41" })).toEqual(Array(4).fill("invalid_input"));
  });
});
