import { adminPermissions } from "@/lib/admin/permissions";
import { auditPermissions } from "@/lib/audit/permissions";
import { emailPermissions } from "@/lib/email/permissions";
import { rolePermissions } from "@/lib/roles/permissions";
import { userPermissions } from "@/lib/users/permissions";
import type { PermissionInfo } from "./declare";

// Every permission the system knows. A new module adds its declarations here, and the seed step syncs them.
export const permissionCatalog: readonly PermissionInfo[] = [
  adminPermissions,
  userPermissions,
  rolePermissions,
  auditPermissions,
  emailPermissions,
].flatMap((group) => group.$all);

export const permissionKeys: ReadonlySet<string> = new Set(permissionCatalog.map((p) => p.key));

/** The role that administers the system: it keeps every permission, and at least one active member. */
export const ADMIN_ROLE = "admin";

/** What each seeded role may do when its permissions are first created; admins edit grants afterwards. */
export const seededGrants: Record<string, "all" | readonly string[]> = {
  [ADMIN_ROLE]: "all",
  manager: [
    adminPermissions.access,
    userPermissions.read,
    userPermissions.update,
    userPermissions.disable,
    userPermissions.security,
    rolePermissions.read,
    auditPermissions.read,
  ],
  user: [],
};
