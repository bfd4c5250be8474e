import { describe, expect, it } from "vitest";
import { consumeAccountToken, issueAccountToken } from "@/lib/accounts/tokens";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/secure-token";
import { unique, useTestDatabase } from "../../helpers/database";

async function makeUser() {
  return db.user.create({ data: { email: `${unique("tok")}@example.com`, firstName: "T", lastName: "User" } });
}

describe("single-use account tokens", () => {
  useTestDatabase();

  it("stores only a hash of the token", async () => {
    const user = await makeUser();
    const token = await issueAccountToken(user.id, "EMAIL_VERIFICATION");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.accountToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("works once: the second use is refused as used", async () => {
    const user = await makeUser();
    const token = await issueAccountToken(user.id, "PASSWORD_RESET");
    expect(await consumeAccountToken(token, "PASSWORD_RESET")).toEqual({ ok: true, value: { userId: user.id, newEmail: null } });
    expect(await consumeAccountToken(token, "PASSWORD_RESET")).toMatchObject({ ok: false, status: 409, code: "token_used" });
  });

  it("is spent exactly once under concurrent use", async () => {
    const user = await makeUser();
    const token = await issueAccountToken(user.id, "PASSWORD_RESET");
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeAccountToken(token, "PASSWORD_RESET")));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("refuses an expired, forged, malformed or wrong-purpose token", async () => {
    const user = await makeUser();
    const token = await issueAccountToken(user.id, "PASSWORD_RESET");
    const invalid = { ok: false, status: 404, code: "token_invalid" };
    expect(await consumeAccountToken(token, "EMAIL_VERIFICATION")).toMatchObject(invalid);
    expect(await consumeAccountToken("A".repeat(43), "PASSWORD_RESET")).toMatchObject(invalid);
    expect(await consumeAccountToken("<script>", "PASSWORD_RESET")).toMatchObject(invalid);
    await db.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await consumeAccountToken(token, "PASSWORD_RESET")).toMatchObject({ ok: false, status: 409, code: "token_expired" });
  });

  it("a new token replaces the previous unused one, and carries the new address for an email change", async () => {
    const user = await makeUser();
    const first = await issueAccountToken(user.id, "EMAIL_CHANGE", { newEmail: "new@example.com" });
    const second = await issueAccountToken(user.id, "EMAIL_CHANGE", { newEmail: "newer@example.com" });
    expect(await consumeAccountToken(first, "EMAIL_CHANGE")).toMatchObject({ ok: false, code: "token_invalid" });
    expect(await consumeAccountToken(second, "EMAIL_CHANGE")).toEqual({
      ok: true,
      value: { userId: user.id, newEmail: "newer@example.com" },
    });
  });
});
