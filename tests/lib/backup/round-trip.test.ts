import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError, createBackup, restoreBackup } from "@/lib/backup";
import { backupFileName, keptBackups, writeChecksum } from "@/lib/backup/files";
import {
  dropDatabases,
  newDatabaseUrl,
  newMigratedDatabase,
  onPostgres,
  seedData,
  tableDigests,
  withRunner,
} from "../../helpers/backup-databases";

// Seed, back up, wipe, restore, compare every table's rows: on an embedded folder in the normal suite, on
// PostgreSQL (pg_dump / pg_restore) when TEST_DATABASE_URL is set.

const dir = mkdtempSync(path.join(os.tmpdir(), "cornerstone-backups-"));
const urls: string[] = [];
let source: string;
let before: Record<string, string>;
let backup: Awaited<ReturnType<typeof createBackup>>;

/** Loses the database the way a disaster would: the PostgreSQL database dropped, the embedded folder deleted. */
async function wipe(url: string): Promise<void> {
  if (url.startsWith("pglite:")) rmSync(url.slice("pglite:".length), { recursive: true, force: true });
  else await dropDatabases([url]);
}

const addUser = (url: string) =>
  withRunner(url, (runner) =>
    runner.query(
      `INSERT INTO "User" (id, email, "firstName", "lastName", "updatedAt") VALUES ('late', 'late@example.com', 'Late', 'Comer', now())`,
    ),
  );

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a refusal"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(BackupError);
      return error as BackupError;
    },
  );

beforeAll(async () => {
  source = await newMigratedDatabase("source");
  urls.push(source);
  await seedData(source);
  before = await tableDigests(source);
});

afterAll(async () => {
  await dropDatabases(urls);
  rmSync(dir, { recursive: true, force: true });
});

// Each embedded database takes a second or more to start, several times that on a loaded machine.
describe(`backup and restore (${onPostgres ? "PostgreSQL" : "embedded PGlite"})`, { timeout: 120_000 }, () => {
  it("backs up into a private, compressed, checksummed file, verified against the source's row counts, keeping the newest N", async () => {
    // Two older backups of this database already there: with keep 2, the older goes once the new one is verified.
    const label = onPostgres ? new URL(source).pathname.slice(1) : "pglite-db";
    const kind = onPostgres ? "postgres" : "pglite";
    const [older, old] = [2, 1].map((days) => {
      const file = path.join(dir, backupFileName(label, kind, new Date(Date.now() - days * 86_400_000)));
      writeFileSync(file, "an older backup");
      return file;
    });
    for (const file of [older!, old!]) await writeChecksum(file);
    backup = await createBackup(source, { dir, keep: 2 });
    expect(backup.pruned).toEqual([older]);
    expect(keptBackups(dir, label, kind)).toEqual([backup.file, old]);
    expect(path.basename(backup.file)).toMatch(onPostgres ? /-\d{8}T\d{9}Z\.pgdump$/ : /^pglite-db-\d{8}T\d{9}Z\.pglite\.tar\.gz$/);
    // pg_dump's custom format (compressed by default) starts with PGDMP; PGlite's dump is a gzipped tar.
    const magic = onPostgres ? Buffer.from("PGDMP") : Buffer.from([0x1f, 0x8b, 8]);
    expect(readFileSync(backup.file).subarray(0, magic.length)).toEqual(magic);
    expect(statSync(backup.file).mode & 0o777).toBe(0o600);
    const sha256 = createHash("sha256").update(readFileSync(backup.file)).digest("hex");
    expect(readFileSync(`${backup.file}.sha256`, "utf8")).toBe(`${sha256}  ${path.basename(backup.file)}\n`);
    expect(backup.sha256).toBe(sha256);
    expect(Object.keys(backup.counts)).toEqual(Object.keys(before));
    for (const [table, digest] of Object.entries(before)) expect(`${backup.counts[table]}`, table).toBe(digest.split(" ")[0]);
    expect(backup.counts['"public"."User"']).toBeGreaterThanOrEqual(4);
  });

  it("restores every row of every table into a new database where the lost one was", async () => {
    await wipe(source);
    const restored = await restoreBackup(backup.file, source, { force: false });
    expect(restored).toMatchObject({ created: true, rows: backup.rows });
    expect(await tableDigests(source)).toEqual(before);
  });

  it("refuses a database that holds data without --force (exit code 2), and replaces it with", async () => {
    await addUser(source);
    const refused = await refusal(restoreBackup(backup.file, source, { force: false }));
    expect(refused.exitCode).toBe(2);
    expect(refused.message).toMatch(/is not empty \(\d+ tables\).*--force/);

    await restoreBackup(backup.file, source, { force: true });
    expect(await tableDigests(source)).toEqual(before);
  });

  it("refuses a corrupt or tampered file, and one without its checksum, before touching the target", async () => {
    const copy = path.join(dir, `copy-${path.basename(backup.file)}`);
    copyFileSync(backup.file, copy);
    copyFileSync(`${backup.file}.sha256`, `${copy}.sha256`);
    const bytes = readFileSync(copy);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(copy, bytes);
    const target = newDatabaseUrl("tampered");
    urls.push(target);
    expect((await refusal(restoreBackup(copy, target, { force: true }))).message).toMatch(/does not match its checksum/);
    rmSync(`${copy}.sha256`);
    expect((await refusal(restoreBackup(copy, target, { force: true }))).message).toMatch(/\.sha256 is missing/);
    // Nothing was created: the target does not exist.
    if (target.startsWith("pglite:")) expect(existsSync(target.slice("pglite:".length))).toBe(false);
    else await expect(withRunner(target, (runner) => runner.query("SELECT 1"))).rejects.toThrow(/does not exist/);
  });

  it("refuses a backup of the other kind of database, and the in-memory database", async () => {
    const other = onPostgres ? "pglite:/tmp/never-made" : "postgres://nobody@127.0.0.1:1/never";
    expect((await refusal(restoreBackup(backup.file, other, { force: true }))).message).toMatch(/restore it into a/);
    expect((await refusal(createBackup("pglite:memory", { dir, keep: 1 }))).message).toMatch(/nothing to back up/);
  });
});
