import "server-only";
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BackupError } from "./errors";
import { backupFileName, checksumFileOf, kindOfFile, pruneBackups, verifyChecksum, writeChecksum, type BackupKind } from "./files";
import { dumpPGlite, restorePGlite, verifyPGliteDump } from "./pglite";
import { databaseName, dumpPostgres, restorePostgres, verifyPostgresDump } from "./postgres";
import { totalRows, type RowCounts } from "./sql";

// npm run db:backup and db:restore (scripts/db.ts), and the backup db:migrate takes in production. A backup is
// kept only once it has been restored into a scratch database and every table's row count matched the source's;
// then it gets its checksum, and only then are older ones pruned. A restore checks the checksum before anything.

export { BackupError } from "./errors";

type Source = { kind: BackupKind; label: string; location: string };

/** What a database URL points at, for backups: a PostgreSQL database or an embedded folder (never memory). */
function sourceOf(url: string): Source {
  if (url.startsWith("pglite:")) {
    const location = url.slice("pglite:".length);
    if (location === "memory" || location === "memory://") {
      throw new BackupError(
        "The in-memory embedded database lives and dies with its process: there is nothing to back up or restore into.",
      );
    }
    const dataDir = path.resolve(location);
    return { kind: "pglite", label: `pglite-${path.basename(dataDir)}`, location: dataDir };
  }
  return { kind: "postgres", label: databaseName(url), location: url };
}

export type BackupOptions = {
  /** Where backups go (created, readable by the owner only: they hold password hashes and personal data). */
  dir: string;
  /** How many of this database's backups to keep, this one included. */
  keep: number;
};

export type BackupResult = { file: string; sha256: string; counts: RowCounts; rows: number; pruned: string[] };

export async function createBackup(url: string, options: BackupOptions): Promise<BackupResult> {
  const source = sourceOf(url);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(path.resolve(options.dir), backupFileName(source.label, source.kind));
  const partial = `${file}.partial`;
  // Created private before the dump writes into it, so no one else can read it even while it is being written.
  writeFileSync(partial, "", { mode: 0o600 });
  chmodSync(partial, 0o600);
  let counts: RowCounts;
  let sha256: string;
  try {
    counts = source.kind === "postgres" ? await dumpPostgres(url, partial) : await dumpPGlite(source.location, partial);
    const differences =
      source.kind === "postgres" ? await verifyPostgresDump(url, partial, counts) : await verifyPGliteDump(partial, counts);
    if (differences.length > 0) {
      throw new BackupError(`The backup failed verification and was not kept:\n  ${differences.join("\n  ")}`);
    }
    sha256 = await writeChecksum(partial, file);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(checksumFileOf(file), { force: true });
    throw error;
  }
  // Only now, with a verified backup in place, may older ones go.
  const pruned = pruneBackups(options.dir, source.label, source.kind, options.keep);
  return { file, sha256, counts, rows: totalRows(counts), pruned };
}

type RestoreResult = { target: string; created: boolean; sha256: string; counts: RowCounts; rows: number };

/**
 * Restores a backup into the database at `url`, which must be new or empty unless `force` (then everything in it is
 * replaced). Refuses a file whose checksum does not match, and a PostgreSQL dump for an embedded target or the reverse.
 */
export async function restoreBackup(file: string, url: string, options: { force: boolean }): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const kind = kindOfFile(file);
  if (!kind) throw new BackupError(`${path.basename(file)} is not a backup this command writes (*.pgdump or *.pglite.tar.gz).`);
  const target = sourceOf(url);
  if (target.kind !== kind) {
    throw new BackupError(
      kind === "postgres"
        ? "This is a PostgreSQL dump: restore it into a postgres:// database."
        : "This is an embedded (PGlite) backup: restore it into a pglite:<folder> database.",
    );
  }
  const sha256 = await verifyChecksum(file);
  const result =
    kind === "postgres" ? await restorePostgres(file, url, options.force) : await restorePGlite(file, target.location, options.force);
  return { target: target.kind === "postgres" ? target.label : target.location, sha256, ...result, rows: totalRows(result.counts) };
}
