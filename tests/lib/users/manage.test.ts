import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz";
import { updateOwnProfile } from "@/lib/accounts/profile";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { listUsers } from "@/lib/users/list";
import {
  deleteUser,
  markEmailVerified,
  purgeUser,
  resetUserTwoFactor,
  revokeUserSessions,
  sendPasswordResetLink,
  setUserDisabled,
  setUserRoles,
  unlockUser,
  updateUserProfile,
} from "@/lib/users/manage";
import { adminProfileSchema, userListQuerySchema } from "@/lib/users/schemas";
import { exclusively, unique, useTestDatabase } from "../../helpers/database";
import { system } from "@/modules";

const context = { ipAddress: "198.51.100.7", userAgent: "Test", requestId: null };
const everything = (id: string) => ({ id, permissions: new Set(system.permissions.map((p) => p.key)) });

async function user(roles: string[] = [], name = "Person") {
  return db.user.create({
    data: {
      email: `${unique("adm")}@example.com`,
      firstName: name,
      lastName: unique("Last"),
      emailVerified: new Date(),
      roles: { create: roles.map((n) => ({ role: { connect: { name: n } } })) },
    },
  });
}
const roleId = async (name: string) => (await db.role.findUniqueOrThrow({ where: { name } })).id;

describe("user administration", () => {
  useTestDatabase();

  it("refuses without the permission before looking anything up, and audits it", async () => {
    const target = await user();
    const nobody = { id: (await user()).id, permissions: new Set<string>() };
    await expect(setUserDisabled(nobody, target.id, true, context)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUserDisabled(nobody, "no-such-user", true, context)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("ACTIVE");
    expect(await db.auditLog.count({ where: { action: "authz.denied", actorId: nobody.id } })).toBe(2);
  });

  it("answers 404 for unknown ids and 422 for unknown roles, changing nothing", async () => {
    await seed(db, system, { demoUsers: false });
    const admin = everything((await user(["admin"])).id);
    expect(await setUserDisabled(admin, "nosuchuser", true, context)).toMatchObject({ ok: false, status: 404, code: "user_not_found" });
    const target = await user(["user"]);
    expect(await setUserRoles(admin, target.id, ["nosuchrole"], context)).toMatchObject({ ok: false, status: 422, code: "unknown_role" });
    expect(await db.userRole.count({ where: { userId: target.id } })).toBe(1);
  });

  it("disabling signs the user out everywhere and is audited with before and after", async () => {
    await seed(db, system, { demoUsers: false });
    const admin = everything((await user(["admin"])).id);
    const target = await user();
    const secret = await createSession(target.id, { rememberMe: false, context });
    expect(await setUserDisabled(admin, target.id, true, context)).toMatchObject({ ok: true });
    expect(await findActiveSession(secret)).toBeNull();
    expect(await db.auditLog.findFirst({ where: { action: "admin.user_disable", targetId: target.id } })).toMatchObject({
      actorId: admin.id,
      details: { before: "ACTIVE", after: "DISABLED" },
    });
    expect(await setUserDisabled(admin, admin.id, true, context)).toMatchObject({ ok: false, status: 409, code: "own_account" });
  });

  it("keeps the last active administrator", async () =>
    // Another file's test of the same rule would count its own administrator; never at the same time.
    exclusively("last-admin", async () => {
      await seed(db, system, { demoUsers: false });
      const last = await user(["admin"]);
      // Only this test's administrator counts: every other one is made inactive right before each call, since on a
      // shared PostgreSQL database other test files create administrators in parallel.
      const alone = () =>
        db.user.updateMany({ where: { id: { not: last.id }, roles: { some: { role: { name: "admin" } } } }, data: { status: "DISABLED" } });
      const other = everything((await user(["manager"])).id);
      await alone();
      expect(await setUserRoles(other, last.id, [], context)).toMatchObject({
        ok: false,
        status: 409,
        code: "last_admin",
        message: expect.stringMatching(/last active administrator/),
      });
      await alone();
      expect(await setUserDisabled(other, last.id, true, context)).toMatchObject({ ok: false, status: 409, code: "last_admin" });
      await alone();
      expect(await deleteUser(other, last.id, context)).toMatchObject({ ok: false, status: 409, code: "last_admin" });
      await alone();
      expect(await purgeUser(other, last.id, context)).toMatchObject({ ok: false, status: 409, code: "last_admin" });
      const second = await user(["admin"]);
      expect(await setUserRoles(other, last.id, [], context)).toMatchObject({ ok: true });
      await db.user.deleteMany({ where: { id: { in: [second.id] } } });
    }));

  it("does not let anyone give or take a role that can do more than they can", async () => {
    await seed(db, system, { demoUsers: false });
    // A manager also holds the user role, as the seeded manager does: what a member may do with their own records.
    const managerGrants = (
      await db.rolePermission.findMany({ where: { role: { name: { in: ["manager", "user"] } } }, include: { permission: true } })
    ).map((g) => g.permission.key);
    const manager = { id: (await user(["manager"])).id, permissions: new Set([...managerGrants, "users:assign_roles"]) };
    const target = await user(["user"]);
    const refused = await setUserRoles(manager, target.id, [await roleId("user"), await roleId("admin")], context);
    expect(refused).toMatchObject({ ok: false, status: 409, code: "beyond_own_permissions", message: expect.stringMatching(/admin/) });
    expect(await setUserRoles(manager, target.id, [await roleId("user"), await roleId("manager")], context)).toMatchObject({ ok: true });
  });

  it("lets nobody act on a person who holds a permission they lack, by any admin action", async () => {
    await seed(db, system, { demoUsers: false });
    const admin = await user(["admin"]);
    const lockedUntil = new Date(Date.now() + 600_000);
    await db.user.update({ where: { id: admin.id }, data: { lockedUntil, emailVerified: null } });
    // Every users: permission, but not everything an administrator holds.
    const manager = {
      id: (await user(["manager"])).id,
      permissions: new Set(system.permissions.map((p) => p.key).filter((key) => key !== "roles:manage")),
    };
    const attempts = [
      () => updateUserProfile(manager, { firstName: "Taken", lastName: "Over", dateOfBirth: "" }, admin.id, context),
      async () => setUserRoles(manager, admin.id, [await roleId("user")], context),
      () => setUserDisabled(manager, admin.id, true, context),
      () => setUserDisabled(manager, admin.id, false, context),
      () => unlockUser(manager, admin.id, context),
      () => markEmailVerified(manager, admin.id, context),
      () => sendPasswordResetLink(manager, admin.id, context),
      () => revokeUserSessions(manager, admin.id, context),
      () => resetUserTwoFactor(manager, admin.id, context),
      () => deleteUser(manager, admin.id, context),
      () => purgeUser(manager, admin.id, context),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      status: "ACTIVE",
      deletedAt: null,
      firstName: admin.firstName,
      emailVerified: null,
      lockedUntil,
    });
    expect(await db.userRole.count({ where: { userId: admin.id } })).toBe(1);
    const denials = await db.auditLog.findMany({ where: { action: "authz.denied", actorId: manager.id, targetId: admin.id } });
    expect(denials).toHaveLength(attempts.length);
    for (const denial of denials) expect(denial.details).toMatchObject({ targetHoldsMore: ["roles:manage"] });
    expect(await db.auditLog.count({ where: { action: { startsWith: "admin." }, targetId: admin.id } })).toBe(0);
    // The same actor still manages someone who holds no more than they do.
    const peer = await user(["manager"]);
    expect(await setUserDisabled(manager, peer.id, true, context)).toMatchObject({ ok: true });
  });

  it("edits one's own profile only through the account page: the admin action refuses it", async () => {
    const me = await user();
    const other = await user();
    const self = { id: me.id, permissions: new Set<string>() };
    await expect(updateUserProfile(self, { firstName: "New", lastName: "Name", dateOfBirth: "" }, me.id, context)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      updateUserProfile(self, { firstName: "New", lastName: "Name", dateOfBirth: "" }, other.id, context),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const editor = { id: me.id, permissions: new Set(["users:update"]) };
    expect(await updateUserProfile(editor, { firstName: "New", lastName: "Name", dateOfBirth: "" }, me.id, context)).toMatchObject({
      ok: false,
      status: 409,
      code: "own_account",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ firstName: me.firstName, lastName: me.lastName });
    expect(
      await updateUserProfile(editor, { firstName: "New", lastName: "Name", dateOfBirth: "1990-02-28" }, other.id, context),
    ).toMatchObject({ ok: true });
    // The account page's path needs no permission at all.
    await updateOwnProfile(self, { firstName: "Own", lastName: "Path", dateOfBirth: "1990-02-28" }, context);
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ firstName: "Own", lastName: "Path" });
  });

  it("answers an impossible date of birth with 422, changing nothing", async () => {
    const target = await user();
    const editor = { id: (await user()).id, permissions: new Set(["users:update"]) };
    for (const dateOfBirth of ["2024-13-45", "2023-02-29", "2024-00-10", "3024-01-01"]) {
      expect(adminProfileSchema.safeParse({ userId: target.id, firstName: "A", lastName: "B", dateOfBirth }).success, dateOfBirth).toBe(
        false,
      );
      expect(await updateUserProfile(editor, { firstName: "A", lastName: "B", dateOfBirth }, target.id, context)).toMatchObject({
        ok: false,
        status: 422,
        code: "invalid_input",
        fieldErrors: { dateOfBirth: [expect.any(String)] },
      });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ firstName: target.firstName });
  });

  it("soft delete hides the user and keeps the row; the list searches names and emails", async () => {
    await seed(db, system, { demoUsers: false });
    const admin = everything((await user(["admin"])).id);
    const target = await user([], "Zebedee");
    const query = (q: string, extra: Record<string, string> = {}) => userListQuerySchema.parse({ q, ...extra });
    expect((await listUsers(admin, query("zebed"))).users.map((u) => u.id)).toContain(target.id);
    expect((await listUsers(admin, query(target.email.slice(0, 12).toUpperCase()))).users.map((u) => u.id)).toContain(target.id);
    expect(await deleteUser(admin, target.id, context)).toMatchObject({ ok: true });
    expect((await listUsers(admin, query("zebed"))).users.map((u) => u.id)).not.toContain(target.id);
    expect((await listUsers(admin, query("zebed", { status: "deleted" }))).users.map((u) => u.id)).toContain(target.id);
    expect(await db.user.findUnique({ where: { id: target.id } })).toMatchObject({ status: "DISABLED" });
  });

  it("refuses page sizes and sorts off the allowlist", () => {
    expect(userListQuerySchema.safeParse({ size: "1000" }).success).toBe(false);
    expect(userListQuerySchema.safeParse({ sort: "passwordHash" }).success).toBe(false);
    expect(userListQuerySchema.safeParse({ page: "0" }).success).toBe(false);
    expect(userListQuerySchema.parse({})).toMatchObject({ page: 1, size: 25, sort: "createdAt", dir: "desc" });
  });
});
