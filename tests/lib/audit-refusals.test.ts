import { describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword } from "@/lib/accounts/password-hash";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/passwords";
import { registerUser } from "@/lib/accounts/register";
import { rateLimits } from "@/lib/rate-limit";
import { db } from "@/lib/db";
import { validatedAction } from "@/lib/http/action";
import { z } from "@/lib/zod";
import { unique, useTestDatabase } from "../helpers/database";
import { latestLinkToken } from "../helpers/mail";

// Refused registrations and malformed form posts are security events: each leaves an audit row.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "AuditTest/1.0" }) }));
// lib/http/action's actionWithUser looks the caller up; these forms are for signed-out people (and Auth.js stays out).
vi.mock("@/lib/auth/current-user", () => ({ requireUser: async () => null }));

const password = "lantern orbit quietly 1984";
const data = (email: string, overrides: Partial<{ password: string }> = {}) => ({
  firstName: "Ada",
  lastName: "Lovelace",
  email,
  dateOfBirth: "1990-12-10",
  password: overrides.password ?? password,
  confirmPassword: overrides.password ?? password,
});
const refusals = (email: string) =>
  db.auditLog.findMany({
    where: { action: "user.register_failed", details: { path: ["email"], equals: email } },
    orderBy: { createdAt: "asc" },
  });

describe("audited refusals", () => {
  useTestDatabase();

  it("records a registration refused by its rate limit", async () => {
    const email = `${unique("flood")}@example.com`;
    const context = { ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await registerUser(data(email), context));
    expect(results.at(-1)).toMatchObject({ ok: false, status: 429, code: "rate_limited", retryAfterSeconds: expect.any(Number) });
    const rows = await refusals(email);
    expect(rows.map((row) => row.details)).toEqual([{ email, reason: "rate_limited", limit: "register-account" }]);
    expect(rows[0]!.ipAddress).toBe(context.ipAddress);
  });

  it("records a registration refused by the password policy", async () => {
    const email = `${unique("weak")}@example.com`;
    const result = await registerUser(data(email, { password: "short" }), { ipAddress: "198.51.100.77", userAgent: null, requestId: null });
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: expect.any(Array) } });
    expect((await refusals(email)).map((row) => row.details)).toEqual([{ email, reason: "weak_password" }]);
  });

  it("records form input the schema refuses, naming the fields but never their values", async () => {
    const handler = vi.fn();
    const action = validatedAction(z.object({ email: z.email(), secret: z.string().min(3) }), handler, {
      auditRefusals: "user.register_failed",
    });
    const before = new Date();
    const result = await action({ email: "not-an-address", secret: "x" });
    expect(result).toMatchObject({
      ok: false,
      status: 422,
      code: "invalid_input",
      fieldErrors: { email: expect.any(Array), secret: expect.any(Array) },
    });
    expect(handler).not.toHaveBeenCalled();
    const rows = await db.auditLog.findMany({
      where: { action: "user.register_failed", createdAt: { gte: before }, userAgent: "AuditTest/1.0" },
    });
    expect(rows.map((row) => row.details)).toEqual([{ reason: "invalid_input", fields: ["email", "secret"] }]);
    expect(JSON.stringify(rows)).not.toContain("not-an-address");
  });

  it("records refused password resets: rate limited, a dead link, a weak password", async () => {
    const email = `${unique("reset")}@example.com`;
    const user = await db.user.create({
      data: { email, firstName: "Pat", lastName: "Word", passwordHash: await hashPassword(password), emailVerified: new Date() },
    });
    const context = { ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null };
    const before = new Date();
    for (let i = 0; i <= rateLimits.passwordResetByIp.limit; i++) await requestPasswordReset(`${unique("x")}@example.com`, context);
    const limited = await db.auditLog.findMany({
      where: { action: "user.password_reset_failed", ipAddress: context.ipAddress, createdAt: { gte: before } },
    });
    expect(limited.map((row) => (row.details as { reason: string }).reason)).toContain("rate_limited");

    expect(await resetPassword("A".repeat(43), "a fine new passphrase", context)).toMatchObject({ ok: false });
    await requestPasswordReset(email, { ...context, ipAddress: "198.51.100.251" });
    const token = await latestLinkToken(email, "password-reset");
    expect(await resetPassword(token, "short", context)).toMatchObject({ ok: false, fieldErrors: { password: expect.any(Array) } });
    const rows = await db.auditLog.findMany({
      where: { action: "user.password_reset_failed", ipAddress: context.ipAddress, createdAt: { gte: before } },
      orderBy: { createdAt: "asc" },
    });
    const reasons = rows.map((row) => (row.details as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(["rate_limited", "invalid_link", "weak_password"]));
    expect(rows.find((row) => (row.details as { reason: string }).reason === "weak_password")?.targetId).toBe(user.id);
  });

  it("forgets the failures that locked an account once its password is reset", async () => {
    const email = `${unique("relock")}@example.com`;
    await db.user.create({
      data: { email, firstName: "Pat", lastName: "Word", passwordHash: await hashPassword(password), emailVerified: new Date() },
    });
    const context = { ipAddress: "198.51.100.252", userAgent: "Test", requestId: null };
    for (let i = 0; i < 5; i++) await authenticate(email, `wrong guess number ${i}`, context);
    expect(await authenticate(email, password, context)).toMatchObject({ ok: false, status: 429, code: "account_locked" });
    await requestPasswordReset(email, context);
    const token = await latestLinkToken(email, "password-reset");
    const fresh = "copper kettle sings at dawn";
    expect(await resetPassword(token, fresh, context)).toEqual({ ok: true });
    // One slip after the reset is one failure, not the sixth of an old series.
    expect(await authenticate(email, "one slip of the finger", context)).toMatchObject({ ok: false, code: "invalid_credentials" });
    expect(await authenticate(email, fresh, context)).toMatchObject({ ok: true });
  });
});
