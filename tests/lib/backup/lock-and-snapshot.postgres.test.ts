import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@/lib/backup";
import { migrateDatabase } from "@/lib/backup/migrate";
import { MigrationLockTimeoutError, migrationsDir as projectMigrations } from "@/lib/migrations";
import { dropDatabases, newMigratedDatabase, seedData, withRunner } from "../../helpers/backup-databases";

// What only a PostgreSQL server shows (this file runs when TEST_DATABASE_URL is set; vitest.config.ts): locks held by
// other sessions, an application writing during a backup, a dump that does not restore, the pg_dump on PATH.

const scratch = mkdtempSync(path.join(os.tmpdir(), "cornerstone-pg-backup-"));
const urls: string[] = [];
let url: string;

async function client(databaseUrl: string): Promise<pg.Client> {
  const connected = new pg.Client(databaseUrl);
  await connected.connect();
  return connected;
}

beforeAll(async () => {
  url = await newMigratedDatabase("pgonly");
  urls.push(url);
  await seedData(url);
});

afterAll(async () => {
  await dropDatabases(urls);
  rmSync(scratch, { recursive: true, force: true });
});

describe("backups and migrations on a live PostgreSQL server", () => {
  it("fails a migration stuck behind a held lock fast, leaves nothing of it, and applies it on the next run", async () => {
    const migrations = path.join(scratch, "migrations");
    cpSync(projectMigrations, migrations, { recursive: true });
    mkdirSync(path.join(migrations, "29990101000000_lock_probe"));
    writeFileSync(
      path.join(migrations, "29990101000000_lock_probe", "migration.sql"),
      'CREATE TABLE "LockProbe" ("id" INTEGER);\nALTER TABLE "User" ADD COLUMN "lockProbe" INTEGER;\n',
    );
    // A long transaction that has read the table: ALTER TABLE must wait for it to end.
    const holder = await client(url);
    await holder.query("BEGIN");
    await holder.query('SELECT 1 FROM "User" LIMIT 1');
    // Without the lock timeout the migration would wait for this, and the test would fail slowly rather than hang.
    const release = setTimeout(() => void holder.query("ROLLBACK"), 10_000);
    try {
      const started = performance.now();
      const failure = await migrateDatabase(url, { backup: null, lockTimeoutMs: 300, migrationsDir: migrations }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationLockTimeoutError);
      expect((failure as Error).message).toMatch(/29990101000000_lock_probe waited more than 300 ms for a lock/);
      expect(performance.now() - started).toBeLessThan(5_000);
      // One transaction: its first statement was undone with the second.
      expect(await withRunner(url, (runner) => runner.query("SELECT 1 FROM pg_class WHERE relname = 'LockProbe'"))).toEqual([]);
    } finally {
      clearTimeout(release);
      await holder.query("ROLLBACK");
      await holder.end();
    }
    // A statement that refuses a transaction runs too, as a migration of its own.
    mkdirSync(path.join(migrations, "29990102000000_concurrent_index"));
    writeFileSync(
      path.join(migrations, "29990102000000_concurrent_index", "migration.sql"),
      'CREATE INDEX CONCURRENTLY "User_lockProbe_idx" ON "User" ("lockProbe");\n',
    );
    const rerun = await migrateDatabase(url, { backup: null, lockTimeoutMs: 300, migrationsDir: migrations });
    expect(rerun.applied).toEqual(["29990101000000_lock_probe", "29990102000000_concurrent_index"]);
  });

  it("verifies a backup taken while the application writes: the counts and the dump share one snapshot", async () => {
    const writer = await client(url);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        await writer.query(`INSERT INTO "AuditLog" (id, action, "createdAt") VALUES (gen_random_uuid()::text, 'user.login', now())`);
        written++;
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = written;
      const backup = await createBackup(url, { dir: path.join(scratch, "busy"), keep: 1 });
      expect(written - before, "rows written during the backup").toBeGreaterThan(10);
      expect(backup.counts['"public"."AuditLog"']).toBeGreaterThan(0);
    } finally {
      writing = false;
      await writes;
      await writer.end();
    }
  });

  it("keeps no backup that does not restore, and leaves the older ones and no scratch database behind", async () => {
    const dir = path.join(scratch, "broken");
    const good = await createBackup(url, { dir, keep: 1 });
    // A CHECK that reads another table: pg_restore loads "BrokenChild" before "BrokenParent", and the check fails.
    await withRunner(url, (runner) =>
      runner.query(`
        CREATE TABLE "BrokenParent" (id INTEGER PRIMARY KEY);
        CREATE FUNCTION broken_parent_exists(INTEGER) RETURNS BOOLEAN LANGUAGE sql AS 'SELECT EXISTS (SELECT 1 FROM public."BrokenParent" WHERE id = $1)';
        CREATE TABLE "BrokenChild" (parent INTEGER CHECK (broken_parent_exists(parent)));
        INSERT INTO "BrokenParent" VALUES (1);
        INSERT INTO "BrokenChild" VALUES (1);`),
    );
    try {
      await expect(createBackup(url, { dir, keep: 1 })).rejects.toThrow(/failed verification and was not kept:\n.*does not restore/);
      expect(readdirSync(dir).sort()).toEqual([path.basename(good.file), `${path.basename(good.file)}.sha256`]);
      const scratchDatabases = await withRunner(url, (runner) =>
        runner.query("SELECT datname FROM pg_database WHERE datname LIKE '%\\_verify\\_%'"),
      );
      expect(scratchDatabases).toEqual([]);
    } finally {
      await withRunner(url, (runner) => runner.query('DROP TABLE "BrokenChild", "BrokenParent"; DROP FUNCTION broken_parent_exists'));
    }
  });

  it("names the package to install when pg_dump is missing, and refuses one older than the server", async () => {
    const bin = path.join(scratch, "bin");
    mkdirSync(bin);
    const path_ = process.env.PATH;
    try {
      process.env.PATH = bin;
      await expect(createBackup(url, { dir: path.join(scratch, "none"), keep: 1 })).rejects.toThrow(
        /pg_dump was not found.*apt-get install postgresql-client/,
      );
      writeFileSync(path.join(bin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
      chmodSync(path.join(bin, "pg_dump"), 0o755);
      process.env.PATH = `${bin}:${path_}`;
      await expect(createBackup(url, { dir: path.join(scratch, "none"), keep: 1 })).rejects.toThrow(
        /pg_dump 9 cannot dump a PostgreSQL \d+ server/,
      );
    } finally {
      process.env.PATH = path_;
    }
  });
});
