import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { authorize, permissionsLackedOver, type Actor } from "@/lib/authz";
import { ADMIN_ROLE } from "@/lib/authz/admin-role";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { userPermissions } from "@/lib/users/permissions";
import { rolePermissions } from "./permissions";

// Roles and their permissions. The built-in roles cannot be renamed or deleted, and the admin role always
// holds every permission; nobody can grant or withdraw a permission they do not hold themselves.

const target = (id: string) => ({ type: "role", id });
const notFound = () => refuse(404, "That role does not exist.", { code: "role_not_found" });

export async function listRoles(actor: Actor, context?: RequestContext) {
  await authorize(actor, rolePermissions.read, { context });
  const permissions = await db.permission.findMany({ select: { key: true, description: true }, orderBy: { key: "asc" } });
  const roles = await db.role.findMany({
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    include: { permissions: { include: { permission: true } }, _count: { select: { users: true } } },
  });
  return {
    permissions,
    roles: roles.map((role) => ({
      id: role.id,
      name: role.name,
      description: role.description,
      builtIn: role.builtIn,
      locked: role.name === ADMIN_ROLE,
      users: role._count.users,
      permissions: role.permissions.map((p) => p.permission.key),
    })),
  };
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createRole(
  actor: Actor,
  input: { name: string; description: string },
  context: RequestContext,
): Promise<Outcome<string>> {
  await authorize(actor, rolePermissions.manage, { context });
  try {
    const role = await db.role.create({ data: input });
    await audit({ action: "admin.role_create", actorId: actor.id, target: target(role.id), context, details: input });
    return done(role.id);
  } catch (error) {
    if (isUniqueViolation(error))
      return refuse(409, "A role with that name exists already.", {
        code: "role_name_taken",
        fieldErrors: { name: ["That name is taken."] },
      });
    throw error;
  }
}

export async function updateRole(
  actor: Actor,
  roleId: string,
  input: { name: string; description: string },
  context: RequestContext,
): Promise<Outcome> {
  await authorize(actor, rolePermissions.manage, { target: target(roleId), context });
  const role = await db.role.findUnique({ where: { id: roleId } });
  if (!role) return notFound();
  if (role.builtIn && input.name !== role.name)
    return refuse(409, "Built-in roles keep their names.", {
      code: "built_in_role",
      fieldErrors: { name: ["Built-in roles keep their names."] },
    });
  try {
    await db.role.update({ where: { id: roleId }, data: input });
  } catch (error) {
    if (isUniqueViolation(error))
      return refuse(409, "A role with that name exists already.", {
        code: "role_name_taken",
        fieldErrors: { name: ["That name is taken."] },
      });
    throw error;
  }
  await audit({
    action: "admin.role_update",
    actorId: actor.id,
    target: target(roleId),
    context,
    details: { before: { name: role.name, description: role.description }, after: input },
  });
  return done();
}

export async function deleteRole(actor: Actor, roleId: string, context: RequestContext): Promise<Outcome> {
  await authorize(actor, rolePermissions.manage, { target: target(roleId), context });
  const role = await db.role.findUnique({ where: { id: roleId }, include: { _count: { select: { users: true } } } });
  if (!role) return notFound();
  if (role.builtIn) return refuse(409, "Built-in roles cannot be deleted.", { code: "built_in_role" });
  if (role._count.users > 0)
    return refuse(409, `Take this role away from its ${role._count.users} user${role._count.users === 1 ? "" : "s"} first.`, {
      code: "role_in_use",
    });
  await db.role.delete({ where: { id: roleId } });
  await audit({ action: "admin.role_delete", actorId: actor.id, target: target(roleId), context, details: { name: role.name } });
  return done();
}

/** Sets exactly these permissions on a role. */
export async function setRolePermissions(actor: Actor, roleId: string, keys: string[], context: RequestContext): Promise<Outcome> {
  await authorize(actor, rolePermissions.manage, { target: target(roleId), context });
  const known = new Set((await db.permission.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((p) => p.key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length) return refuse(422, `Unknown permission: ${unknown.join(", ")}.`, { code: "unknown_permission" });
  const role = await db.role.findUnique({ where: { id: roleId }, include: { permissions: { include: { permission: true } } } });
  if (!role) return notFound();
  if (role.name === ADMIN_ROLE) return refuse(409, "The admin role always holds every permission.", { code: "admin_role_locked" });
  const before = role.permissions.map((p) => p.permission.key);
  const added = keys.filter((key) => !before.includes(key));
  const removed = before.filter((key) => !keys.includes(key));
  const beyond = permissionsLackedOver(actor, [...added, ...removed]);
  if (beyond.length) {
    return refuse(409, `You cannot grant or withdraw what you do not hold yourself: ${beyond.join(", ")}.`, {
      code: "beyond_own_permissions",
    });
  }

  await db.$transaction(async (tx) => {
    const rows = await tx.permission.findMany({ where: { key: { in: [...added, ...removed] } } });
    const idOf = (key: string) => rows.find((row) => row.key === key)!.id;
    await tx.rolePermission.deleteMany({ where: { roleId, permissionId: { in: removed.map(idOf) } } });
    await tx.rolePermission.createMany({ data: added.map((key) => ({ roleId, permissionId: idOf(key) })) });
    await audit(
      {
        action: "admin.role_permissions",
        actorId: actor.id,
        target: target(roleId),
        context,
        details: { role: role.name, before: before.sort(), after: [...keys].sort() },
      },
      tx,
    );
  });
  return done();
}

/** Names and ids for pickers (the users filter, the roles editor on a user's page), with what each role grants. */
export async function roleOptions(actor: Actor) {
  await authorize(actor, userPermissions.read);
  const roles = await db.role.findMany({
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    select: { id: true, name: true, permissions: { select: { permission: { select: { key: true } } } } },
  });
  return roles.map((role) => ({ id: role.id, name: role.name, permissions: role.permissions.map((p) => p.permission.key) }));
}
