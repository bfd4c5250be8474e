import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteOptions } from "@/lib/db-connection";
import { lockEmbeddedDatabase } from "@/lib/embedded-lock";
import { BackupError } from "./errors";
import { countDifferences, pgliteRunner, rowCounts, userTables, type RowCounts } from "./sql";

// The embedded database's backup is PGlite's own data-folder dump (a gzipped tar of the folder), taken and
// restored with the folder's lock held: no server can have it open meanwhile, so the dump and its counts are one
// consistent state. A restore unpacks into a new folder beside the target and swaps it in only once it opened.

const isDatabaseFolder = (dataDir: string) => existsSync(path.join(dataDir, "PG_VERSION"));

async function withLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  let release: () => void;
  try {
    release = lockEmbeddedDatabase(dataDir);
  } catch (error) {
    throw new BackupError((error as Error).message);
  }
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Dumps the folder's database into `file` (gzipped tar); returns its row counts, read in the same session. */
export async function dumpPGlite(dataDir: string, file: string): Promise<RowCounts> {
  if (!isDatabaseFolder(dataDir)) throw new BackupError(`There is no embedded database in ${dataDir}.`);
  return withLock(dataDir, async () => {
    const db = new PGlite(dataDir, pgliteOptions);
    try {
      const counts = await rowCounts(pgliteRunner(db));
      writeFileSync(file, Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer()));
      return counts;
    } finally {
      await db.close();
    }
  });
}

const loadDump = (file: string, dataDir?: string) => {
  const options = { ...pgliteOptions, loadDataDir: new Blob([readFileSync(file)]) };
  return dataDir ? new PGlite(dataDir, options) : new PGlite(options);
};

/** Loads the dump into a new in-memory database and compares its row counts with `expected`; returns what differs. */
export async function verifyPGliteDump(file: string, expected: RowCounts): Promise<string[]> {
  let db: PGlite | undefined;
  try {
    db = loadDump(file);
    return countDifferences(expected, await rowCounts(pgliteRunner(db)));
  } catch (error) {
    return [`the dump does not load: ${(error as Error).message}`];
  } finally {
    await db?.close().catch(() => {});
  }
}

async function tableCount(dataDir: string): Promise<number> {
  const db = new PGlite(dataDir, pgliteOptions);
  try {
    return (await userTables(pgliteRunner(db))).length;
  } finally {
    await db.close();
  }
}

/** Restores `file` into the folder: a new one, an empty one, or (force) one whose database it replaces. */
export async function restorePGlite(file: string, dataDir: string, force: boolean): Promise<{ created: boolean; counts: RowCounts }> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  return withLock(dataDir, async () => {
    const existing = isDatabaseFolder(dataDir);
    if (!existing && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new BackupError(`${dataDir} holds files but no embedded database: refusing to replace them.`, 2);
    }
    const tables = existing ? await tableCount(dataDir) : 0;
    if (tables > 0 && !force) {
      throw new BackupError(
        `${dataDir} is not empty (${tables} tables): restore into a new folder, or add --force to replace the database in it.`,
        2,
      );
    }
    const incoming = `${dataDir}.restoring-${randomBytes(4).toString("hex")}`;
    try {
      const db = loadDump(file, incoming);
      let counts: RowCounts;
      try {
        counts = await rowCounts(pgliteRunner(db));
      } finally {
        await db.close();
      }
      rmSync(dataDir, { recursive: true, force: true });
      renameSync(incoming, dataDir);
      return { created: !existing, counts };
    } catch (error) {
      rmSync(incoming, { recursive: true, force: true });
      if (error instanceof BackupError) throw error;
      throw new BackupError(`The dump does not load: ${(error as Error).message}`);
    }
  });
}
