import { describe, expect, it, vi } from "vitest";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { verifyChallenge } from "@/lib/two-factor/challenge";
import { sealTotpSecret } from "@/lib/two-factor/codes";
import { newTotpSecret } from "@/lib/two-factor/totp";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

// Counts the real comparisons of a code against the account: what a guesser is after.
const comparisons = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/two-factor/codes", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/two-factor/codes")>();
  return {
    ...original,
    acceptTotpCode: async (...args: Parameters<typeof original.acceptTotpCode>) => {
      comparisons.count++;
      return original.acceptTotpCode(...args);
    },
    spendRecoveryCode: async (...args: Parameters<typeof original.spendRecoveryCode>) => {
      comparisons.count++;
      return original.spendRecoveryCode(...args);
    },
  };
});

const context = () => ({ ipAddress: "198.51.100.9", userAgent: "Test", requestId: null });
const { maxFailedCodes } = systemConfig.accounts.twoFactor;

/** A two-factor user half signed in: the password is accepted, the code still owed. */
async function halfSignedIn() {
  const user = await db.user.create({
    data: {
      email: `${unique("race")}@example.com`,
      firstName: "R",
      lastName: "C",
      emailVerified: new Date(),
      twoFactorEnabledAt: new Date(),
    },
  });
  await db.user.update({ where: { id: user.id }, data: { twoFactorSecret: sealTotpSecret(user.id, newTotpSecret()) } });
  const secret = await createSession(user.id, { rememberMe: false, context: context(), twoFactorPending: true });
  return { user, sessionId: (await findActiveSession(secret))!.id };
}

describe("two-factor challenge under parallel guesses", () => {
  useTestDatabase();

  it(`compares at most ${maxFailedCodes} of 20 concurrent wrong codes, then locks once`, async () => {
    const { user, sessionId } = await halfSignedIn();
    comparisons.count = 0;
    const codes = Array.from({ length: 20 }, (_, i) => String(100000 + i));
    const results = await Promise.all(
      codes.map((code, i) => verifyChallenge(sessionId, i % 2 ? "totp" : "recovery", i % 2 ? code : "aaaaa-bbbbb", context())),
    );

    expect(comparisons.count).toBeLessThanOrEqual(maxFailedCodes);
    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.locked" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: user.email, template: "account-locked" } })).toBe(1);
  });

  it("rate-limits the challenge per session, audited, without comparing", async () => {
    const { user, sessionId } = await halfSignedIn();
    for (let i = 0; i < rateLimits.twoFactorBySession.limit; i++) await consumeRateLimit(rateLimits.twoFactorBySession, sessionId);
    comparisons.count = 0;
    expect(await verifyChallenge(sessionId, "totp", "123456", context())).toMatchObject({
      ok: false,
      status: 429,
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    expect(comparisons.count).toBe(0);
    expect(await db.auditLog.findFirst({ where: { targetId: user.id, action: "user.login_failed" } })).toMatchObject({
      details: { step: "two_factor", reason: "rate_limited" },
    });
  });

  it("rate-limits the challenge per account, across its sessions", async () => {
    const { user, sessionId } = await halfSignedIn();
    for (let i = 0; i < rateLimits.twoFactorByAccount.limit; i++) await consumeRateLimit(rateLimits.twoFactorByAccount, user.id);
    comparisons.count = 0;
    expect(await verifyChallenge(sessionId, "totp", "123456", context())).toMatchObject({ ok: false, code: "rate_limited" });
    expect(comparisons.count).toBe(0);
  });
});
