import { describe, expect, it, vi } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { db } from "@/lib/db";
import { validatedAction } from "@/lib/http/action";
import { z } from "@/lib/zod";
import { unique, useTestDatabase } from "../helpers/database";

// Refused registrations and malformed form posts are security events: each leaves an audit row.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "AuditTest/1.0" }) }));

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
  db.auditLog.findMany({ where: { action: "user.register_failed", details: { path: ["email"], equals: email } }, orderBy: { createdAt: "asc" } });

describe("audited refusals", () => {
  useTestDatabase();

  it("records a registration refused by its rate limit", async () => {
    const email = `${unique("flood")}@example.com`;
    const context = { ipAddress: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "Test", requestId: null };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await registerUser(data(email), context));
    expect(results.at(-1)).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
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
    const action = validatedAction(z.object({ email: z.email(), secret: z.string().min(3) }), handler, { auditRefusals: "user.register_failed" });
    const before = new Date();
    const result = await action({ email: "not-an-address", secret: "x" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: expect.any(Array), secret: expect.any(Array) } });
    expect(handler).not.toHaveBeenCalled();
    const rows = await db.auditLog.findMany({ where: { action: "user.register_failed", createdAt: { gte: before }, userAgent: "AuditTest/1.0" } });
    expect(rows.map((row) => row.details)).toEqual([{ reason: "invalid_input", fields: ["email", "secret"] }]);
    expect(JSON.stringify(rows)).not.toContain("not-an-address");
  });
});
