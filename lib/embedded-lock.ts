import "server-only";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// The embedded database (PGlite) is one process's: it has no lock of its own, and two processes writing one folder
// corrupt it. A lock file beside the folder names the process that holds it. Servers take it at start-up (lib/boot.ts),
// so a second server process on the same folder stops before it serves anything; scripts take it when they open the
// database (lib/db-connection.ts). It carries no cost and imports nothing heavy: start-up loads no database client.

/** The folder of a `pglite:<folder>` URL, resolved; null for PostgreSQL and the in-memory database. */
export function embeddedDataDir(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith("pglite:")) return null;
  const location = databaseUrl.slice("pglite:".length);
  return location === "memory" || location === "memory://" ? null : path.resolve(location);
}

function embeddedDatabaseInUse(dataDir: string, pid: number): string {
  return (
    `The embedded database ${dataDir} is already open in another process (pid ${pid}). It serves one process only: ` +
    `stop that process, or, to run several server processes (or a script beside a running server), use PostgreSQL: ` +
    `DATABASE_URL=postgres://user:password@host:5432/database (README: Scale-out).`
  );
}

/**
 * Takes the folder's lock for this process, or throws naming the process that holds it. A lock left by a process
 * that is gone is taken over. Returns the release; the lock is also released when this process exits.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const release = () => {
    if (ownerOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createWithPid(lockFile)) {
      process.once("exit", release);
      return release;
    }
    const owner = ownerOf(lockFile);
    if (owner === process.pid) return release;
    if (owner !== null && owner > 0 && isAlive(owner)) throw new Error(embeddedDatabaseInUse(dataDir, owner));
    // Its process is gone, or the file names none: take it over (null: it vanished meanwhile, try again).
    if (owner !== null) rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock ${lockFile} of the embedded database; is another process starting on it?`);
}

/** The file appears with its content or not at all (a hard link is atomic), so no reader sees it half written. */
function createWithPid(lockFile: string): boolean {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const draft = `${lockFile}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, String(process.pid));
  try {
    linkSync(draft, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** The pid in the lock file; 0 when it names none; null when there is no file. */
function ownerOf(lockFile: string): number | null {
  let text: string;
  try {
    text = readFileSync(lockFile, "utf8");
  } catch {
    return null;
  }
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
