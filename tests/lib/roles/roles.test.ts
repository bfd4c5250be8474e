import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRole, deleteRole, setRolePermissions, updateRole } from "@/lib/roles/roles";
import { seed } from "@/lib/seed";
import { unique, useTestDatabase } from "../../helpers/database";
import { system } from "@/modules";

const context = { ipAddress: null, userAgent: null, requestId: null };

async function actor(permissions: string[]) {
  const { id } = await db.user.create({ data: { email: `${unique("roles")}@example.com`, firstName: "R", lastName: "M" } });
  return { id, permissions: new Set(permissions) };
}

describe("roles and permissions", () => {
  useTestDatabase();

  it("creates, renames and deletes a role; names are unique; built-in roles stay", async () => {
    await seed(db, system, { demoUsers: false });
    const admin = await actor(system.permissions.map((p) => p.key));
    const name = unique("auditor").toLowerCase();
    const created = await createRole(admin, { name, description: "Reads the log" }, context);
    if (!created.ok) throw new Error(created.message);
    expect(await createRole(admin, { name, description: "" }, context)).toMatchObject({ ok: false, status: 409, code: "role_name_taken" });
    expect(await updateRole(admin, created.value, { name: `${name}-2`, description: "Reads" }, context)).toMatchObject({ ok: true });
    const builtIn = await db.role.findUniqueOrThrow({ where: { name: "manager" } });
    expect(await updateRole(admin, builtIn.id, { name: "boss", description: "" }, context)).toMatchObject({
      ok: false,
      status: 409,
      code: "built_in_role",
    });
    expect(await deleteRole(admin, builtIn.id, context)).toMatchObject({ ok: false, status: 409, code: "built_in_role" });
    expect(await deleteRole(admin, created.value, context)).toMatchObject({ ok: true });
    expect(await db.auditLog.count({ where: { targetId: created.value, action: { startsWith: "admin.role_" } } })).toBe(3);
  });

  it("edits the matrix, but never the admin role, never unknown permissions, and never beyond what the editor holds", async () => {
    await seed(db, system, { demoUsers: false });
    const editor = await actor(["roles:manage", "audit:read", "audit:export"]);
    const created = await createRole(editor, { name: unique("viewer").toLowerCase(), description: "" }, context);
    if (!created.ok) throw new Error(created.message);
    expect(await setRolePermissions(editor, created.value, ["audit:read", "audit:export"], context)).toMatchObject({ ok: true });
    expect(await setRolePermissions(editor, created.value, ["audit:read", "users:purge"], context)).toMatchObject({
      ok: false,
      status: 409,
      code: "beyond_own_permissions",
    });
    expect(await setRolePermissions(editor, created.value, ["made:up"], context)).toMatchObject({
      ok: false,
      status: 422,
      code: "unknown_permission",
    });
    const admin = await db.role.findUniqueOrThrow({ where: { name: "admin" } });
    expect(await setRolePermissions(editor, admin.id, [], context)).toMatchObject({ ok: false, status: 409, code: "admin_role_locked" });
    const grants = await db.rolePermission.findMany({ where: { roleId: created.value }, include: { permission: true } });
    expect(grants.map((g) => g.permission.key).sort()).toEqual(["audit:export", "audit:read"]);
  });
});
