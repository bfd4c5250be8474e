import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { System } from "@/lib/kernel/registry";
import { ADMIN_ROLE } from "./admin-role";

export type PermissionSyncReport = { created: string[]; removed: string[] };

/**
 * Makes the Permission table match the modules' declarations. A permission seen for the first time is granted
 * to the administrator role and to the seeded roles whose module grants it; grants changed later are left alone.
 */
export async function syncPermissions(db: PrismaClient, system: System): Promise<PermissionSyncReport> {
  const existing = new Map((await db.permission.findMany()).map((p) => [p.key, p]));
  const created: string[] = [];
  for (const permission of system.permissions) {
    const row = existing.get(permission.key);
    if (!row) {
      // skipDuplicates: a sync running at the same time may have created it a moment ago.
      await db.permission.createMany({
        data: { key: permission.key, description: permission.description, requiresTwoFactor: permission.requiresTwoFactor },
        skipDuplicates: true,
      });
      created.push(permission.key);
    } else if (row.description !== permission.description || row.requiresTwoFactor !== permission.requiresTwoFactor) {
      await db.permission.update({
        where: { id: row.id },
        data: { description: permission.description, requiresTwoFactor: permission.requiresTwoFactor },
      });
    }
  }
  const declared = new Set(system.permissions.map((p) => p.key));
  const removed = [...existing.keys()].filter((key) => !declared.has(key));
  if (removed.length) await db.permission.deleteMany({ where: { key: { in: removed } } });

  const grants = new Map(system.defaultGrants);
  grants.set(ADMIN_ROLE, declared);
  for (const [roleName, granted] of grants) {
    const keys = created.filter((key) => granted.has(key));
    const role = keys.length ? await db.role.findUnique({ where: { name: roleName } }) : null;
    if (!role) continue;
    const permissions = await db.permission.findMany({ where: { key: { in: keys } }, select: { id: true } });
    await db.rolePermission.createMany({ data: permissions.map((p) => ({ roleId: role.id, permissionId: p.id })), skipDuplicates: true });
  }
  return { created, removed };
}
