import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbConnection } from "@/lib/db";
import { applyMigrations, pendingSchemaChange, readMigrations, readSchemaFiles, schemaDir } from "@/lib/migrations";
import { useTestDatabase } from "../helpers/database";

describe("migrations", () => {
  useTestDatabase();

  it("prisma/schema/ and prisma/migrations agree (run `npm run db:migration -- <name>` when this fails)", async () => {
    expect(await pendingSchemaChange()).toBeNull();
  });

  it("reads the schema as a folder: main.prisma with the generator and datasource, one file per area", () => {
    const files = readSchemaFiles().map(([file]) => path.relative(schemaDir, file));
    expect(files).toEqual(expect.arrayContaining(["main.prisma", "accounts.prisma", "rbac.prisma", "audit.prisma"]));
  });

  // A module (or a generator) adds its models by dropping a file in the folder; nothing registers it.
  it("a new .prisma file in the schema folder, subfolders included, shows up in the migration diff", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "schema-"));
    try {
      cpSync(schemaDir, dir, { recursive: true });
      mkdirSync(path.join(dir, "modules"));
      writeFileSync(path.join(dir, "modules", "widgets.prisma"), "model Widget {\n  id String @id\n  name String\n}\n");
      writeFileSync(path.join(dir, "notes.md"), "not a schema file");
      expect(readSchemaFiles(dir).map(([file]) => path.relative(dir, file))).toContain(path.join("modules", "widgets.prisma"));
      expect(readSchemaFiles(dir).some(([file]) => file.endsWith("notes.md"))).toBe(false);
      const sql = await pendingSchemaChange({ schemaDir: dir });
      expect(sql).toMatch(/CREATE TABLE "Widget"/);
      expect(sql).not.toMatch(/"User"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
