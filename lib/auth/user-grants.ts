import "server-only";
import { Prisma } from "@/generated/prisma/client";

// What a request needs to know about the person behind it (status, name, roles, each role's permissions) as
// columns of one SQL statement. Prisma without relation joins would spend a round trip per relation level
// (user, user roles, roles, role permissions, permissions); every signed-in request pays this, so it is one.

/** The user's columns and their roles' grants, for a statement that joins "User" as `u`. */
export const userGrantsColumns = Prisma.sql`
  u.id AS "userId", u.email, u."firstName", u."lastName", u.status::text AS status, u."deletedAt", u."twoFactorEnabledAt",
  COALESCE((
    SELECT json_agg(json_build_object('role', json_build_object('name', r.name, 'permissions', COALESCE((
      SELECT json_agg(json_build_object('permission', json_build_object('key', p.key, 'requiresTwoFactor', p."requiresTwoFactor")))
      FROM "RolePermission" rp JOIN "Permission" p ON p.id = rp."permissionId" WHERE rp."roleId" = r.id
    ), '[]'::json))))
    FROM "UserRole" ur JOIN "Role" r ON r.id = ur."roleId" WHERE ur."userId" = u.id
  ), '[]'::json) AS roles`;

/** One row of userGrantsColumns; roles in the shape lib/two-factor/policy.ts reads. */
export type UserGrants = {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
  deletedAt: Date | null;
  twoFactorEnabledAt: Date | null;
  roles: { role: { name: string; permissions: { permission: { key: string; requiresTwoFactor: boolean } }[] } }[];
};
