import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { stageAfterPassword } from "@/lib/two-factor/challenge";
import { twoFactorRequiredFor } from "@/lib/two-factor/policy";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { system } from "@/modules";

// Two-factor is owed for what a person may do in the admin console, whatever their role is called.

const holding = (name: string, ...flags: boolean[]) => [
  { role: { name, permissions: flags.map((requiresTwoFactor) => ({ permission: { requiresTwoFactor } })) } },
];

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

  it("marks every permission of the admin console as requiring two-factor, from the modules' declarations", async () => {
    await seed(db, system, { demoUsers: false });
    const rows = await db.permission.findMany({ select: { key: true, requiresTwoFactor: true } });
    const flags = new Map(rows.map((row) => [row.key, row.requiresTwoFactor]));
    for (const key of [
      "admin:access",
      "users:read",
      "users:update",
      "users:security",
      "roles:read",
      "roles:manage",
      "audit:read",
      "audit:export",
      "email:outbox",
    ]) {
      expect(flags.get(key), key).toBe(true);
    }
    for (const permission of system.permissions) expect(flags.get(permission.key), permission.key).toBe(permission.requiresTwoFactor);
    expect(twoFactorRequiredFor(holding("helpdesk", false, true))).toBe(true);
    expect(twoFactorRequiredFor(holding("user", false))).toBe(false);
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
