import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { permissionCatalog, seededGrants } from "./catalog";

export type PermissionSyncReport = { created: string[]; removed: string[] };

/**
 * Makes the Permission table match the declarations in code. A permission seen for the first time is
 * granted to the seeded roles that should have it; grants an administrator changed later are left alone.
 */
export async function syncPermissions(db: PrismaClient): Promise<PermissionSyncReport> {
  const existing = new Map((await db.permission.findMany()).map((p) => [p.key, p]));
  const created: string[] = [];
  for (const permission of permissionCatalog) {
    const row = existing.get(permission.key);
    if (!row) {
      await db.permission.create({ data: { key: permission.key, description: permission.description } });
      created.push(permission.key);
    } else if (row.description !== permission.description) {
      await db.permission.update({ where: { id: row.id }, data: { description: permission.description } });
    }
  }
  const declared = new Set(permissionCatalog.map((p) => p.key));
  const removed = [...existing.keys()].filter((key) => !declared.has(key));
  if (removed.length) await db.permission.deleteMany({ where: { key: { in: removed } } });

  for (const [roleName, grants] of Object.entries(seededGrants)) {
    const keys = created.filter((key) => grants === "all" || grants.includes(key));
    const role = keys.length ? await db.role.findUnique({ where: { name: roleName } }) : null;
    if (!role) continue;
    const permissions = await db.permission.findMany({ where: { key: { in: keys } }, select: { id: true } });
    await db.rolePermission.createMany({ data: permissions.map((p) => ({ roleId: role.id, permissionId: p.id })), skipDuplicates: true });
  }
  return { created, removed };
}
