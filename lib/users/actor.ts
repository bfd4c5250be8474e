import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { roleGrants, type RoleGrantCache } from "@/lib/authz/role-grants";
import { db } from "@/lib/db";
import { twoFactorRequiredFor } from "@/lib/two-factor/policy";

// Who an actor is and what their roles grant, at every request in ONE round trip: the cookie session, personal
// access tokens and access JWTs each join the person, their role ids and the PermissionsVersion onto the row that
// names them (lib/api-tokens/lookup.ts, lib/api-auth/jwt.ts). What each role grants comes from the process's cache
// (lib/authz/role-grants.ts), good for exactly that version: a withdrawn permission or a disabled account counts at
// once, in every process, and a warm cache adds no query.

export type LoadedActor = { user: CurrentUser; twoFactorOwed: boolean };

/** Roles as lib/two-factor/policy.ts reads them (the shape of its rolesForTwoFactorPolicy select). */
type HeldRole = { role: { name: string; permissions: { permission: { key: string; requiresTwoFactor: boolean } }[] } };

/** The columns actorColumns adds to a row. */
export type ActorColumns = {
  actorId: string;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
  deleted: boolean;
  twoFactorEnabled: boolean;
  roleRefs: { id: string; name: string }[];
  /** null only if the PermissionsVersion row were gone: then grants are read afresh each time. */
  permissionsVersion: number | null;
};

/** The person as columns, for a query whose FROM joins "User" AS u: role ids and names as JSON, and the grants' version. */
export const actorColumns = Prisma.sql`
  u.id AS "actorId", u.email, u."firstName", u."lastName", u.status::text AS status,
  u."deletedAt" IS NOT NULL AS deleted, u."twoFactorEnabledAt" IS NOT NULL AS "twoFactorEnabled",
  COALESCE((
    SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name)
    FROM "UserRole" ur JOIN "Role" r ON r.id = ur."roleId"
    WHERE ur."userId" = u.id), '[]'::json) AS "roleRefs",
  (SELECT v.version FROM "PermissionsVersion" v WHERE v.id = 1) AS "permissionsVersion"`;

/** The actor from a row carrying actorColumns; null when the account is disabled or deleted. */
export async function actorFrom(row: ActorColumns, sessionId: string, grants: RoleGrantCache = roleGrants): Promise<LoadedActor | null> {
  if (row.status !== "ACTIVE" || row.deleted) return null;
  const granted = await grants.of(
    row.roleRefs.map((role) => role.id),
    row.permissionsVersion,
  );
  const roles: HeldRole[] = row.roleRefs.map(({ id, name }) => ({
    role: { name, permissions: (granted.get(id) ?? []).map((permission) => ({ permission })) },
  }));
  const user: CurrentUser = {
    id: row.actorId,
    sessionId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    roles: roles.map(({ role }) => role.name),
    permissions: new Set(roles.flatMap(({ role }) => role.permissions.map(({ permission }) => permission.key))),
    twoFactorEnabled: row.twoFactorEnabled,
  };
  return { user, twoFactorOwed: !user.twoFactorEnabled && twoFactorRequiredFor(roles) };
}

/**
 * An active person as an actor, with everything their roles grant now; null when the account is gone, deleted or
 * disabled. Shared by the cookie session and the API's bearer tokens, so both see a withdrawn permission at once.
 */
export async function loadActor(userId: string, sessionId: string): Promise<LoadedActor | null> {
  const [row] = await db.$queryRaw<ActorColumns[]>`SELECT ${actorColumns} FROM "User" u WHERE u.id = ${userId}`;
  return row ? actorFrom(row, sessionId) : null;
}
