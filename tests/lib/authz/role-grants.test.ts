import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { RoleGrantCache } from "@/lib/authz/role-grants";
import { db, dbConnection } from "@/lib/db";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";
import { actorColumns, actorFrom, type ActorColumns } from "@/lib/users/actor";
import { unique, useTestDatabase } from "../../helpers/database";
import { statementsDuring } from "../../helpers/statements";

// What each role grants is cached per process; the PermissionsVersion row, moved by triggers in the same
// transaction as any grant change, tells each process when its cache is stale. Two "processes" here: two Prisma
// clients on one database (on PostgreSQL each with its own pool), each with its own cache. A permission withdrawn
// through one is never served by the other once the change has committed.

// The other process's client: its own pool on PostgreSQL; on the embedded database, the one database there is.
const connection = dbConnection();
const otherClient = new PrismaClient({
  adapter: connection.kind === "pglite" ? connection.factory : openConnection(env.DATABASE_URL).factory,
});
afterAll(() => otherClient.$disconnect());

type Process = { client: Pick<PrismaClient, "$queryRaw">; grants: RoleGrantCache };
const processA: Process = { client: db, grants: new RoleGrantCache(db) };
const processB: Process = { client: otherClient, grants: new RoleGrantCache(otherClient) };

/** One request's actor in a process: the row (one query, as the session lookup does), then the grants. */
async function permissionsIn(process: Process, userId: string): Promise<string[]> {
  const [row] = await process.client.$queryRaw<ActorColumns[]>`SELECT ${actorColumns} FROM "User" u WHERE u.id = ${userId}`;
  const loaded = await actorFrom(row!, "s", process.grants);
  return [...loaded!.user.permissions].sort();
}

async function personWithRole() {
  const role = await db.role.create({ data: { name: unique("grants-role") } });
  const [read, write] = await Promise.all(
    ["read", "write"].map((action) => db.permission.create({ data: { key: `${unique("grants")}:${action}` } })),
  );
  await db.rolePermission.createMany({ data: [read!, write!].map((p) => ({ roleId: role.id, permissionId: p.id })) });
  const user = await db.user.create({
    data: { email: `${unique("grants")}@example.com`, firstName: "G", lastName: "R", roles: { create: { roleId: role.id } } },
  });
  return { role, read: read!, write: write!, user };
}

describe("role grants cache", () => {
  useTestDatabase();

  it("serves a warm request from the cache: one statement, where a cold one takes two", async () => {
    const { user, read, write } = await personWithRole();
    const cold = new RoleGrantCache(db);
    const p = { client: db, grants: cold };
    expect(await statementsDuring(() => permissionsIn(p, user.id))).toBe(2);
    expect(await statementsDuring(() => permissionsIn(p, user.id))).toBe(1);
    expect(await permissionsIn(p, user.id)).toEqual([read.key, write.key].sort());
  });

  it("never serves a grant withdrawn through another client once that change has committed", async () => {
    const { role, user, read, write } = await personWithRole();
    // Both processes have the role's grants cached.
    expect(await permissionsIn(processA, user.id)).toEqual([read.key, write.key].sort());
    expect(await permissionsIn(processB, user.id)).toEqual([read.key, write.key].sort());

    // Process B withdraws one, in a transaction, as the permission matrix does.
    await otherClient.$transaction([otherClient.rolePermission.deleteMany({ where: { roleId: role.id, permissionId: write.id } })]);
    expect(await permissionsIn(processA, user.id)).toEqual([read.key]);
    expect(await permissionsIn(processB, user.id)).toEqual([read.key]);

    // …and gives it back: both see it on their next request.
    await otherClient.rolePermission.create({ data: { roleId: role.id, permissionId: write.id } });
    expect(await permissionsIn(processA, user.id)).toEqual([read.key, write.key].sort());
  });

  it("drops a deleted permission, a deleted role and a permission's new two-factor rule everywhere", async () => {
    const { role, user, read, write } = await personWithRole();
    expect(await permissionsIn(processA, user.id)).toEqual([read.key, write.key].sort());

    await otherClient.permission.delete({ where: { id: read.id } });
    expect(await permissionsIn(processA, user.id)).toEqual([write.key]);

    await otherClient.permission.update({ where: { id: write.id }, data: { requiresTwoFactor: true } });
    const [row] = await db.$queryRaw<ActorColumns[]>`SELECT ${actorColumns} FROM "User" u WHERE u.id = ${user.id}`;
    expect((await actorFrom(row!, "s", processA.grants))?.twoFactorOwed).toBe(true);

    await otherClient.role.delete({ where: { id: role.id } });
    expect(await permissionsIn(processA, user.id)).toEqual([]);
  });
});
