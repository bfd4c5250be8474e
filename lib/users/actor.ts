import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { twoFactorRequiredFor } from "@/lib/two-factor/policy";

// Who an actor is and what their roles grant, read afresh at every request (never cached across requests, so
// a withdrawn permission or a disabled account counts at once) in ONE round trip: the cookie session, personal
// access tokens and access JWTs each join the person onto the row that names them (lib/api-tokens/verify.ts,
// lib/api-auth/jwt.ts), instead of a query per table.

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
  roles: HeldRole[];
};

/** The person as columns, for a query whose FROM joins "User" AS u: the roles and their permissions as JSON. */
export const actorColumns = Prisma.sql`
  u.id AS "actorId", u.email, u."firstName", u."lastName", u.status::text AS status,
  u."deletedAt" IS NOT NULL AS deleted, u."twoFactorEnabledAt" IS NOT NULL AS "twoFactorEnabled",
  COALESCE((
    SELECT json_agg(json_build_object('role', json_build_object('name', r.name, 'permissions', COALESCE((
      SELECT json_agg(json_build_object('permission', json_build_object('key', p.key, 'requiresTwoFactor', p."requiresTwoFactor")))
      FROM "RolePermission" rp JOIN "Permission" p ON p.id = rp."permissionId"
      WHERE rp."roleId" = r.id), '[]'::json))) ORDER BY r.name)
    FROM "UserRole" ur JOIN "Role" r ON r.id = ur."roleId"
    WHERE ur."userId" = u.id), '[]'::json) AS roles`;

/** The actor from a row carrying actorColumns; null when the account is disabled or deleted. */
export function actorFrom(row: ActorColumns, sessionId: string): LoadedActor | null {
  if (row.status !== "ACTIVE" || row.deleted) return null;
  const user: CurrentUser = {
    id: row.actorId,
    sessionId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    roles: row.roles.map(({ role }) => role.name),
    permissions: new Set(row.roles.flatMap(({ role }) => role.permissions.map(({ permission }) => permission.key))),
    twoFactorEnabled: row.twoFactorEnabled,
  };
  return { user, twoFactorOwed: !user.twoFactorEnabled && twoFactorRequiredFor(row.roles) };
}

/**
 * An active person as an actor, with everything their roles grant now; null when the account is gone, deleted or
 * disabled. Shared by the cookie session and the API's bearer tokens, so both see a withdrawn permission at once.
 */
export async function loadActor(userId: string, sessionId: string): Promise<LoadedActor | null> {
  const [row] = await db.$queryRaw<ActorColumns[]>`SELECT ${actorColumns} FROM "User" u WHERE u.id = ${userId}`;
  return row ? actorFrom(row, sessionId) : null;
}
