import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/password-hash";
import { createAdministrator } from "@/lib/accounts/create-admin";
import { ADMIN_ROLE } from "@/lib/authz/admin-role";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { rolesForTwoFactorPolicy, twoFactorRequiredFor } from "@/lib/two-factor/policy";
import { unique, useTestDatabase } from "../../helpers/database";
import { system } from "@/modules";

const PASSWORD = "granite meadow whistles softly";
const roleNames = async (userId: string) =>
  (await db.userRole.findMany({ where: { userId }, include: { role: true } })).map((link) => link.role.name).sort();
const auditRows = (userId: string) => db.auditLog.findMany({ where: { action: "admin.administrator_create", targetId: userId } });

describe("createAdministrator (npm run admin:create)", () => {
  useTestDatabase();

  it("refuses until the roles are seeded, then creates a confirmed administrator who must enrol two-factor", async () => {
    const email = `${unique("first-admin")}@example.com`;
    // On a fresh database (PGlite) the roles are missing; a shared PostgreSQL test database may hold them already.
    const seeded = (await db.role.count({ where: { name: ADMIN_ROLE } })) > 0;
    if (!seeded)
      expect(await createAdministrator(db, { email, firstName: "Grace", lastName: "Hopper", password: PASSWORD })).toMatchObject({
        ok: false,
        status: 412,
        code: "admin_role_missing",
        message: expect.stringMatching(/db:seed/),
      });
    await seed(db, system, { demoUsers: false });

    const result = await createAdministrator(db, {
      email: email.toUpperCase(),
      firstName: "Grace",
      lastName: "Hopper",
      password: PASSWORD,
    });
    expect(result).toMatchObject({ ok: true, value: { outcome: "created", twoFactorRequired: true } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerified).not.toBeNull();
    expect(user.twoFactorEnabledAt).toBeNull();
    expect(await verifyPassword(PASSWORD, user.passwordHash!)).toBe(true);
    const roles = await roleNames(user.id);
    expect(roles).toEqual([ADMIN_ROLE, "user"]);
    const held = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { roles: rolesForTwoFactorPolicy } });
    expect(twoFactorRequiredFor(held.roles)).toBe(true);
    expect(await auditRows(user.id)).toEqual([
      expect.objectContaining({ actorId: null, details: { via: "admin:create", outcome: "created" } }),
    ]);
  });

  it("applies the password policy and validates the names, changing nothing when refused", async () => {
    await seed(db, system, { demoUsers: false });
    const email = `${unique("weak-admin")}@example.com`;
    for (const password of ["password1234567", "qwertyuiopasdfgh", "short", "grace hopper the admiral"]) {
      const result = await createAdministrator(db, { email, firstName: "Grace", lastName: "Hopper", password });
      expect(result, password).toMatchObject({ ok: false, status: 422, code: "weak_password" });
    }
    expect(await createAdministrator(db, { email, firstName: "Grace\nBcc: x", lastName: "Hopper", password: PASSWORD })).toMatchObject({
      ok: false,
    });
    expect(
      await createAdministrator(db, { email: "not an address", firstName: "Grace", lastName: "Hopper", password: PASSWORD }),
    ).toMatchObject({ ok: false, status: 422, code: "invalid_input", fieldErrors: { email: expect.any(Array) } });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("is idempotent: a second run changes nothing; an existing member gains the role and keeps their password", async () => {
    await seed(db, system, { demoUsers: false });
    const email = `${unique("again")}@example.com`;
    const first = await createAdministrator(db, { email, firstName: "Ada", lastName: "Lovelace", password: PASSWORD });
    const again = await createAdministrator(db, {
      email,
      firstName: "Other",
      lastName: "Name",
      password: "a different password entirely 42",
    });
    expect(again).toMatchObject({ ok: true, value: { outcome: "unchanged" } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.firstName).toBe("Ada");
    expect(await verifyPassword(PASSWORD, user.passwordHash!)).toBe(true);
    expect(await auditRows(first.ok ? first.value.userId : "")).toHaveLength(1);

    const member = await db.user.create({
      data: {
        email: `${unique("member")}@example.com`,
        firstName: "Mo",
        lastName: "Member",
        roles: { create: { role: { connect: { name: "user" } } } },
      },
    });
    expect(await createAdministrator(db, { email: member.email, password: "" })).toMatchObject({
      ok: true,
      value: { outcome: "promoted" },
    });
    expect(await roleNames(member.id)).toEqual([ADMIN_ROLE, "user"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).emailVerified).not.toBeNull();
    expect(await auditRows(member.id)).toEqual([expect.objectContaining({ details: { via: "admin:create", outcome: "promoted" } })]);
  });
});
