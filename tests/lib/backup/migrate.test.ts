import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/backup/migrate";
import { migrationsDir as projectMigrations } from "@/lib/migrations";
import { dropDatabases, newMigratedDatabase, onPostgres, seedData, withRunner } from "../../helpers/backup-databases";

// db:migrate in production: a verified backup of the database as it was, then the new migrations.

const scratch = mkdtempSync(path.join(os.tmpdir(), "cornerstone-migrate-backup-"));
const backups = path.join(scratch, "backups");
const migrations = path.join(scratch, "migrations");
let url: string;

/** Adds a migration after the project's own (they start with this year's dates). */
function addMigration(name: string, sql: string): void {
  mkdirSync(path.join(migrations, name));
  writeFileSync(path.join(migrations, name, "migration.sql"), sql);
}

const tablesNamed = (name: string) =>
  withRunner(
    url,
    async (runner) => (await runner.query<{ n: number | string }>(`SELECT count(*) AS n FROM pg_class WHERE relname = '${name}'`))[0]!.n,
  );

beforeAll(async () => {
  cpSync(projectMigrations, migrations, { recursive: true });
  url = await newMigratedDatabase("migrate");
  await seedData(url);
});

afterAll(async () => {
  await dropDatabases([url]);
  rmSync(scratch, { recursive: true, force: true });
});

describe(`db:migrate with a backup first (${onPostgres ? "PostgreSQL" : "embedded PGlite"})`, () => {
  it("backs up the database as it was before applying new migrations, and only when there is something to apply", async () => {
    expect(await migrateDatabase(url, { backup: { dir: backups, keep: 5 }, migrationsDir: migrations })).toMatchObject({
      applied: [],
      backup: null,
    });
    expect(readdirSync(scratch)).not.toContain("backups");

    addMigration("29990101000000_backup_probe", 'CREATE TABLE "BackupProbe" ("id" INTEGER PRIMARY KEY);');
    const result = await migrateDatabase(url, { backup: { dir: backups, keep: 5 }, migrationsDir: migrations, lockTimeoutMs: 5_000 });
    expect(result.applied).toEqual(["29990101000000_backup_probe"]);
    expect(result.backup).not.toBeNull();
    expect(readdirSync(backups).sort()).toEqual([path.basename(result.backup!.file), `${path.basename(result.backup!.file)}.sha256`]);
    // Taken before the migration: the backup has the data and not the new table.
    expect(result.backup!.counts['"public"."User"']).toBeGreaterThan(0);
    expect(Object.keys(result.backup!.counts)).not.toContain('"public"."BackupProbe"');
    expect(Number(await tablesNamed("BackupProbe"))).toBe(1);
  });

  it("takes no backup when told not to", async () => {
    addMigration("29990102000000_backup_probe_two", 'CREATE TABLE "BackupProbeTwo" ("id" INTEGER PRIMARY KEY);');
    const before = readdirSync(backups);
    const result = await migrateDatabase(url, { backup: null, migrationsDir: migrations });
    expect(result).toMatchObject({ applied: ["29990102000000_backup_probe_two"], backup: null });
    expect(readdirSync(backups)).toEqual(before);
  });
});
