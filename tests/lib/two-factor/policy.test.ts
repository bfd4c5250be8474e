import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { stageAfterPassword } from "@/lib/two-factor/challenge";
import { adminConsolePermissions, twoFactorRequiredFor } from "@/lib/two-factor/policy";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { system } from "@/modules";

// Two-factor is owed for what a person may do in the admin console, whatever their role is called.

const holding = (name: string, ...keys: string[]) => [{ role: { name, permissions: keys.map((key) => ({ permission: { key } })) } }];

async function userWithRoleGranting(...keys: string[]) {
  const role = await db.role.create({
    data: { name: unique("role").toLowerCase(), permissions: { create: keys.map((key) => ({ permission: { connect: { key } } })) } },
  });
  return db.user.create({
    data: {
      email: `${unique("policy")}@example.com`,
      firstName: "P",
      lastName: "O",
      emailVerified: new Date(),
      roles: { create: [{ roleId: role.id }] },
    },
  });
}

describe("two-factor policy", () => {
  useTestDatabase();

  it("counts every permission of the admin console, and each one alone requires two-factor", () => {
    for (const key of [
      "admin:access",
      "users:read",
      "users:update",
      "users:security",
      "roles:read",
      "roles:manage",
      "audit:read",
      "audit:export",
    ]) {
      expect(adminConsolePermissions.has(key), key).toBe(true);
      expect(twoFactorRequiredFor(holding("helpdesk", key)), key).toBe(true);
    }
    // Today every declared permission belongs to the console; a module's own permissions would not.
    for (const { key } of system.permissions) expect(adminConsolePermissions.has(key), key).toBe(true);
    expect(twoFactorRequiredFor(holding("user"))).toBe(false);
    expect(twoFactorRequiredFor([])).toBe(false);
    expect(twoFactorRequiredFor(holding(systemConfig.accounts.twoFactor.requiredForRoles[0]!))).toBe(true);
  });

  it("sends anyone holding a console permission to enrolment after the password, whatever the role's name", async () => {
    await seed(db, system, { demoUsers: false });
    const reader = await userWithRoleGranting("audit:read");
    const plain = await userWithRoleGranting();
    expect(await stageAfterPassword(reader.email)).toBe("enrolment");
    expect(await stageAfterPassword(plain.email)).toBe("active");
    const manager = await db.user.create({
      data: {
        email: `${unique("mgr")}@example.com`,
        firstName: "M",
        lastName: "G",
        roles: { create: [{ role: { connect: { name: "manager" } } }] },
      },
    });
    expect(await stageAfterPassword(manager.email)).toBe("enrolment");
  });
});
