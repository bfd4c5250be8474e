import { describe, expect, it, vi } from "vitest";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { sealTotpSecret } from "@/lib/two-factor/codes";
import { newTotpSecret } from "@/lib/two-factor/totp";
import { unique, useTestDatabase } from "../../helpers/database";

// Every refused two-factor step leaves an audit row: a wrong code, and a malformed one the form would not
// have sent (rate-limited guesses: challenge-race.test.ts). The actions run outside Next here.

const pending = vi.hoisted(() => ({ sessionId: "" }));
// As behind server.mjs with no proxy: X-Forwarded-For holds the socket's address alone.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.77", "user-agent": "Test" }) }));
vi.mock("@/lib/auth", () => ({
  signIn: async () => {
    throw new Error("a refused code reached Auth.js");
  },
}));
vi.mock("@/lib/auth/current-user", () => ({ currentSession: async () => ({ stage: "two_factor", sessionId: pending.sessionId }) }));

const { recoveryChallengeAction, totpChallengeAction } = await import("@/app/(auth)/login/two-factor/actions");

describe("two-factor challenge audit", () => {
  useTestDatabase();

  it("audits a wrong code and malformed input, with the user as actor", async () => {
    const user = await db.user.create({
      data: {
        email: `${unique("audit2fa")}@example.com`,
        firstName: "A",
        lastName: "T",
        emailVerified: new Date(),
        twoFactorEnabledAt: new Date(),
      },
    });
    await db.user.update({ where: { id: user.id }, data: { twoFactorSecret: sealTotpSecret(user.id, newTotpSecret()) } });
    const secret = await createSession(user.id, {
      rememberMe: false,
      context: { ipAddress: null, userAgent: null, requestId: null },
      twoFactorPending: true,
    });
    pending.sessionId = (await findActiveSession(secret))!.id;

    expect(await totpChallengeAction({ code: "000000" })).toMatchObject({
      ok: false,
      code: "two_factor_code_invalid",
      fieldErrors: { code: expect.any(Array) },
    });
    expect(await db.auditLog.findFirst({ where: { actorId: user.id, action: "user.two_factor_failed" } })).toMatchObject({
      ipAddress: "203.0.113.77",
      details: { method: "totp" },
    });

    const malformedInput = { ok: false, status: 422, code: "invalid_input" };
    for (const input of [{ code: "12ab56" }, { code: 123456 }, null])
      expect(await totpChallengeAction(input)).toMatchObject(malformedInput);
    expect(await recoveryChallengeAction({ recoveryCode: "short" })).toMatchObject(malformedInput);
    const malformed = await db.auditLog.findMany({ where: { actorId: user.id, action: "user.login_failed" } });
    expect(malformed.map((row) => row.details)).toEqual(Array(4).fill({ step: "two_factor", reason: "invalid_input" }));
    // Never compared: malformed input does not use up one of the guesses before the lock.
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorFailedCount: 1 });
  });
});
