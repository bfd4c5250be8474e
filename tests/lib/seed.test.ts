import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/password-hash";
import { db } from "@/lib/db";
import { demoUsers, seed, seedRoles } from "@/lib/seed";
import { useTestDatabase } from "../helpers/database";

describe("seed", () => {
  useTestDatabase();

  it("creates the roles and demo users, and is idempotent", async () => {
    await seed(db, { demoUsers: true });
    const second = await seed(db, { demoUsers: true });
    expect(second.roles.created).toEqual([]);
    expect(second.users.every((user) => !user.created)).toBe(true);

    const roles = await db.role.findMany({ where: { name: { in: seedRoles.map((role) => role.name) } } });
    expect(roles).toHaveLength(seedRoles.length);
    for (const demo of demoUsers) {
      const users = await db.user.findMany({ where: { email: demo.email }, include: { roles: { include: { role: true } } } });
      expect(users).toHaveLength(1);
      expect(users[0]!.roles.map((link) => link.role.name).sort()).toEqual([...demo.roles].sort());
    }
  });

  it("stores demo passwords as versioned, peppered bcrypt hashes that verify", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: demoUsers[0]!.email } });
    expect(admin.passwordHash).toMatch(/^v1\$\$2[aby]\$12\$/);
    expect(await verifyPassword(demoUsers[0]!.password, admin.passwordHash!)).toBe(true);
    expect(await verifyPassword("not the password at all", admin.passwordHash!)).toBe(false);
  });

  it("seeds no users with known passwords when demo users are off (production)", async () => {
    const report = await seed(db, { demoUsers: false });
    expect(report.users).toEqual([]);
  });
});
