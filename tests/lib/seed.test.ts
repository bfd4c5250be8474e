import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/password-hash";
import { passwordProblems } from "@/lib/accounts/password-policy";
import { profileSchema } from "@/lib/accounts/schemas";
import { db } from "@/lib/db";
import { demoUsers, seed, seedRoles } from "@/lib/seed";
import { useTestDatabase } from "../helpers/database";
import { system } from "@/modules";

describe("seed", () => {
  useTestDatabase();

  it("creates the roles and demo users, and is idempotent", async () => {
    await seed(db, system, { demoUsers: true });
    const second = await seed(db, system, { demoUsers: true });
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

  it("syncs the declared permissions and grants them to the seeded roles once", async () => {
    await seed(db, system, { demoUsers: false });
    const keys = (await db.permission.findMany()).map((p) => p.key).sort();
    expect(keys).toEqual(system.permissions.map((p) => p.key).sort());
    const grants = async (role: string) =>
      (await db.rolePermission.findMany({ where: { role: { name: role } }, include: { permission: true } }))
        .map((g) => g.permission.key)
        .sort();
    expect(await grants("admin")).toEqual(keys);
    expect(await grants("manager")).toEqual([...system.defaultGrants.get("manager")!].sort());
    expect(await grants("user")).toEqual([...system.defaultGrants.get("user")!].sort());

    // An administrator's later change survives the next seed.
    await db.rolePermission.deleteMany({ where: { role: { name: "manager" }, permission: { key: "audit:read" } } });
    expect((await seed(db, system, { demoUsers: false })).permissions).toEqual({ created: [], removed: [] });
    expect(await grants("manager")).not.toContain("audit:read");

    // A permission no longer declared disappears.
    await db.permission.create({ data: { key: "gone:away" } });
    expect((await seed(db, system, { demoUsers: false })).permissions.removed).toEqual(["gone:away"]);
  });

  it("stores demo passwords as versioned, peppered bcrypt hashes that verify", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: demoUsers[0]!.email } });
    expect(admin.passwordHash).toMatch(/^v1\$\$2[aby]\$10\$/);
    expect(await verifyPassword(demoUsers[0]!.password, admin.passwordHash!)).toBe(true);
    expect(await verifyPassword("not the password at all", admin.passwordHash!)).toBe(false);
  });

  it("seeds no users with known passwords when demo users are off (production)", async () => {
    const report = await seed(db, system, { demoUsers: false });
    expect(report.users).toEqual([]);
  });

  it("gives demo users passwords that pass the policy, and a profile the profile form accepts as it is", async () => {
    for (const demo of demoUsers) {
      expect(await passwordProblems(demo.password, demo), demo.email).toEqual([]);
      const user = await db.user.findUniqueOrThrow({ where: { email: demo.email } });
      const profile = {
        firstName: user.firstName,
        lastName: user.lastName,
        dateOfBirth: user.dateOfBirth?.toISOString().slice(0, 10) ?? "",
      };
      expect(profileSchema.safeParse(profile).success, `${demo.email}: saving the untouched profile`).toBe(true);
    }
  });

  it("fills a missing date of birth on a demo user seeded before they had one, and changes nothing else", async () => {
    const demo = demoUsers[2]!;
    await db.user.update({ where: { email: demo.email }, data: { dateOfBirth: null, firstName: "Renamed" } });
    await seed(db, system, { demoUsers: true });
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.email } });
    expect(user.dateOfBirth?.toISOString().slice(0, 10)).toBe(demo.dateOfBirth);
    expect(user.firstName).toBe("Renamed");
  });
});
