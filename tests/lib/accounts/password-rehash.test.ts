import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/accounts/password-hash";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unique, useTestDatabase } from "../../helpers/database";

// Hashes made at cost 12 (before the cost became 10) keep verifying, and a correct sign-in replaces them.

const PASSWORD = "harbour lights at dusk 77";
/** A v1 hash as the scheme wrote it at cost 12: bcrypt over the peppered HMAC pre-hash. */
const costTwelve = (password: string) =>
  `v1$${bcrypt.hashSync(createHmac("sha256", env.PASSWORD_PEPPER).update(password.normalize("NFKC"), "utf8").digest("base64"), 12)}`;
const context = () => ({ ipAddress: "198.51.100.90", userAgent: "Test", requestId: null });

describe("password hash cost", () => {
  useTestDatabase();

  it("hashes at cost 10 and asks to rehash anything else", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^v1\$\$2b\$10\$/);
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(costTwelve(PASSWORD))).toBe(true);
    expect(needsRehash("v0$whatever")).toBe(true);
  });

  it("verifies a cost-12 hash and replaces it at a correct sign-in, not at a wrong one", async () => {
    const legacy = costTwelve(PASSWORD);
    expect(await verifyPassword(PASSWORD, legacy)).toBe(true);
    const u = await db.user.create({
      data: { email: `${unique("rehash")}@example.com`, firstName: "R", lastName: "H", passwordHash: legacy, emailVerified: new Date() },
    });
    expect(await authenticate(u.email, "not the password at all", context())).toMatchObject({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(legacy);
    expect(await authenticate(u.email, PASSWORD, context())).toMatchObject({ ok: true });
    const rehashed = (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash!;
    expect(rehashed).toMatch(/^v1\$\$2b\$10\$/);
    expect(await verifyPassword(PASSWORD, rehashed)).toBe(true);
  });
});
