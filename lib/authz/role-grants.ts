import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db";

// What each role grants, kept in this process across requests: every request used to rebuild each of its
// roles' permissions as JSON inside the session query. Now that query reads the person's role ids and the
// PermissionsVersion row, and grants come from here. Triggers move that version in the same transaction as any
// change to a grant or a permission (its migration), so the version a request reads tells whether this cache
// still holds: after a change commits, the next request anywhere reads the new version and reloads.
// Nothing revoked is ever served after its commit, in any process.

export type Grant = { key: string; requiresTwoFactor: boolean };
type Snapshot = { version: number; roles: Map<string, readonly Grant[]> };
type GrantRow = { version: number | null; roleId: string | null; key: string | null; requiresTwoFactor: boolean | null };

export class RoleGrantCache {
  private snapshot: Snapshot = { version: -1, roles: new Map() };

  constructor(private readonly client: Pick<PrismaClient, "$queryRaw">) {}

  /**
   * What each role grants as of `version` (the PermissionsVersion the caller's own query read) or later. null
   * (the row is missing, so nothing would ever invalidate a cache) reads the database every time.
   */
  async of(roleIds: readonly string[], version: number | null): Promise<Map<string, readonly Grant[]>> {
    if (version !== null && version > this.snapshot.version) this.snapshot = { version, roles: new Map() };
    const cached = version === null ? new Map<string, readonly Grant[]>() : this.snapshot.roles;
    const result = new Map(roleIds.flatMap((id) => (cached.has(id) ? [[id, cached.get(id)!] as const] : [])));
    const missing = roleIds.filter((id) => !result.has(id));
    if (missing.length === 0) return result;

    const loaded = await this.load(missing);
    // Loaded in one statement with the version it belongs to: kept only if that is still the newest version seen.
    if (loaded.version !== null && loaded.version > this.snapshot.version) this.snapshot = { version: loaded.version, roles: new Map() };
    const keep = loaded.version !== null && loaded.version === this.snapshot.version;
    for (const [id, grants] of loaded.roles) {
      result.set(id, grants);
      if (keep) this.snapshot.roles.set(id, grants);
    }
    return result;
  }

  private async load(roleIds: readonly string[]): Promise<{ version: number | null; roles: Map<string, Grant[]> }> {
    // The version and the grants in one statement, so they come from one snapshot of the database.
    const rows = await this.client.$queryRaw<GrantRow[]>`
      SELECT (SELECT v.version FROM "PermissionsVersion" v WHERE v.id = 1) AS version, g."roleId", g.key, g."requiresTwoFactor"
      FROM (SELECT 1) one LEFT JOIN (
        SELECT rp."roleId", p.key, p."requiresTwoFactor"
        FROM "RolePermission" rp JOIN "Permission" p ON p.id = rp."permissionId"
        WHERE rp."roleId" IN (${Prisma.join(roleIds)})
      ) g ON true
      ORDER BY g."roleId", g.key`;
    const roles = new Map(roleIds.map((id) => [id, [] as Grant[]]));
    for (const row of rows) {
      if (row.roleId) roles.get(row.roleId)?.push({ key: row.key!, requiresTwoFactor: row.requiresTwoFactor! });
    }
    return { version: rows[0]?.version ?? null, roles };
  }
}

/** The process's cache, on the app's database client: one per process, however many bundles import this file. */
const globalForGrants = globalThis as unknown as { appRoleGrants?: RoleGrantCache };
export const roleGrants: RoleGrantCache = (globalForGrants.appRoleGrants ??= new RoleGrantCache(db));
