import { describe, expect, it } from "vitest";
import { dbConnection } from "@/lib/db";
import { applyMigrations, pendingSchemaChange, readMigrations } from "@/lib/migrations";
import { useTestDatabase } from "../helpers/database";

describe("migrations", () => {
  useTestDatabase();

  it("schema.prisma and prisma/migrations agree (run `npm run db:migration -- <name>` when this fails)", async () => {
    expect(await pendingSchemaChange()).toBeNull();
  });

  it("keeps the standard Prisma layout: a lock file and one migration.sql per timestamped folder", () => {
    const list = readMigrations();
    expect(list.lockfile.content).toMatch(/provider = "postgresql"/);
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it("applies nothing the second time and records the history where `prisma migrate deploy` reads it", async () => {
    expect(await applyMigrations(dbConnection().factory)).toEqual([]);
    const adapter = await dbConnection().factory.connect();
    try {
      const result = await adapter.queryRaw({
        sql: 'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"',
        args: [],
        argTypes: [],
      });
      const names = result.rows.map((row) => row[0]);
      expect(names).toEqual(expect.arrayContaining(readMigrations().migrationDirectories.map((dir) => dir.path)));
      for (const row of result.rows) {
        expect(row[1]).toMatch(/^[0-9a-f]{64}$/);
        expect(row[2]).not.toBeNull();
      }
    } finally {
      await adapter.dispose();
    }
  });
});
