import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backupFileName, keptBackups, kindOfFile, pruneBackups, verifyChecksum, writeChecksum } from "@/lib/backup/files";
import { toolConnection } from "@/lib/backup/postgres";
import { countDifferences } from "@/lib/backup/sql";

// The parts of backups that need no database: names, checksums, retention, and how the PostgreSQL tools connect.

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});
const fresh = () => (dir = mkdtempSync(path.join(os.tmpdir(), "cornerstone-backup-files-")));

/** A kept backup of `source` taken `minutesAgo` (a file and its checksum). */
async function kept(source: string, minutesAgo: number, kind: "postgres" | "pglite" = "postgres"): Promise<string> {
  const file = path.join(dir, backupFileName(source, kind, new Date(Date.UTC(2026, 10, 28, 3, 0) - minutesAgo * 60_000)));
  writeFileSync(file, `dump of ${source} ${minutesAgo}`);
  await writeChecksum(file);
  return file;
}

describe("backup files", () => {
  it("names files after the database and the UTC time, so names sort as time does", () => {
    const name = backupFileName("app/prod db", "postgres", new Date("2026-11-28T03:16:00.123Z"));
    expect(name).toBe("app_prod_db-20261128T031600123Z.pgdump");
    expect(backupFileName("pglite-dev", "pglite", new Date("2026-01-02T00:00:00Z"))).toBe("pglite-dev-20260102T000000000Z.pglite.tar.gz");
    expect([kindOfFile(name), kindOfFile("x.pglite.tar.gz"), kindOfFile("x.sql")]).toEqual(["postgres", "pglite", null]);
  });

  it("keeps the newest N backups of a database and touches nothing else in the folder", async () => {
    fresh();
    const app = [await kept("app", 50), await kept("app", 40), await kept("app", 30), await kept("app", 20), await kept("app", 10)];
    const others = [await kept("app-staging", 60), await kept("app", 70, "pglite")];
    const unverified = path.join(dir, backupFileName("app", "postgres", new Date(Date.UTC(2026, 0, 1))));
    writeFileSync(unverified, "no checksum: never verified"); // not a kept backup: neither counted nor deleted
    writeFileSync(path.join(dir, "notes.txt"), "mine");

    expect(pruneBackups(dir, "app", "postgres", 2).sort()).toEqual(app.slice(0, 3).sort());
    expect(keptBackups(dir, "app", "postgres")).toEqual([app[4], app[3]]);
    const left = readdirSync(dir).sort();
    for (const file of [...app.slice(3), ...others])
      expect(left).toEqual(expect.arrayContaining([path.basename(file), `${path.basename(file)}.sha256`]));
    expect(left).toEqual(expect.arrayContaining([path.basename(unverified), "notes.txt"]));
    expect(left).toHaveLength(2 * 4 + 2);
    expect(pruneBackups(dir, "app", "postgres", 2)).toEqual([]);
  });

  it("refuses a file whose bytes changed, or that has no checksum", async () => {
    fresh();
    const file = await kept("app", 1);
    await expect(verifyChecksum(file)).resolves.toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(file, "dump of app 2");
    await expect(verifyChecksum(file)).rejects.toThrow(/does not match its checksum/);
    rmSync(`${file}.sha256`);
    await expect(verifyChecksum(file)).rejects.toThrow(/\.sha256 is missing/);
    writeFileSync(`${file}.sha256`, "not a digest\n");
    await expect(verifyChecksum(file)).rejects.toThrow(/holds no SHA-256 digest/);
  });

  it("gives pg_dump and pg_restore the password in the environment, never in their arguments (ps shows those)", () => {
    // secretlint-disable-next-line -- a made-up password: the test is that it leaves the arguments
    const tool = toolConnection("postgres://app:s%40cret@db.internal:5432/prod?sslmode=require&schema=public&connection_limit=5");
    expect(tool.url).toBe("postgres://app@db.internal:5432/prod?sslmode=require");
    expect(tool.env.PGPASSWORD).toBe("s@cret");
    expect(toolConnection("postgres://app@db/prod").env.PGPASSWORD).toBeUndefined();
  });

  it("says which tables differ between a source and its restored copy", () => {
    expect(countDifferences({ a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([]);
    expect(countDifferences({ a: 1, b: 2, c: 0 }, { a: 1, b: 3, d: 0 })).toEqual([
      "b has 3 rows, the source 2",
      "c is missing from the restored copy",
      "d is in the restored copy but not in the source",
    ]);
  });
});
