import { describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword } from "@/lib/accounts/password-hash";
import { db } from "@/lib/db";
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
    expect(await authenticate(u.email, PASSWORD, ctx())).toEqual({ ok: true, userId: u.id, twoFactor: false });
  });

  it("gives an unknown address and a wrong password the same answer", async () => {
    const u = await user();
    expect(await authenticate(u.email, "not the password at all", ctx())).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(`${unique("nobody")}@example.com`, PASSWORD, ctx())).toEqual({ ok: false, reason: "invalid" });
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

  it(`locks after ${systemConfig.accounts.maxFailedLogins} wrong passwords, emails the owner and audits it`, async () => {
    const u = await user();
    for (let i = 0; i < systemConfig.accounts.maxFailedLogins; i++) {
      expect(await authenticate(u.email, `wrong ${i}`, ctx())).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(await authenticate(u.email, PASSWORD, ctx())).toMatchObject({ ok: false, reason: "locked" });
    const locked = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await db.auditLog.count({ where: { targetId: u.id, action: "user.locked" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: u.email, template: "account-locked" } })).toBe(1);
  });

  it("locks an unknown address after the same number of tries, so the lock reveals nothing", async () => {
    const email = `${unique("ghost")}@example.com`;
    for (let i = 0; i < systemConfig.accounts.maxFailedLogins; i++) expect((await authenticate(email, `wrong ${i}`, ctx())).ok).toBe(false);
    expect(await authenticate(email, PASSWORD, ctx())).toMatchObject({ ok: false, reason: "locked" });
  });

  it("refuses an unverified or disabled account only after the right password", async () => {
    const unverified = await user({ emailVerified: null });
    expect(await authenticate(unverified.email, "wrong password here", ctx())).toMatchObject({ reason: "invalid" });
    expect(await authenticate(unverified.email, PASSWORD, ctx())).toMatchObject({ reason: "unverified" });
    const disabled = await user({ status: "DISABLED" });
    expect(await authenticate(disabled.email, PASSWORD, ctx())).toMatchObject({ reason: "disabled" });
  });

  it("rate-limits one address hammering many accounts", async () => {
    const context = { ipAddress: "192.0.2.77", userAgent: "Test", requestId: null };
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await authenticate(`${unique("spray")}@example.com`, "x", context));
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "rate_limited", retryAfterSeconds: expect.any(Number) });
  });
});
