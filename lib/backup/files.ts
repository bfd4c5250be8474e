import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { BackupError } from "./errors";

// Backup files: <source>-<UTC time>.<kind's extension>, each with a <file>.sha256 beside it in `sha256sum`'s
// format (so `sha256sum -c` checks it too). A file counts as a backup only once its checksum is written, which
// happens after it was verified: a half-written or unverified dump is never kept, restored or pruned into.

export type BackupKind = "postgres" | "pglite";
const extensions: Record<BackupKind, string> = { postgres: ".pgdump", pglite: ".pglite.tar.gz" };
const checksumSuffix = ".sha256";

/** A name part that is safe in a file name whatever the database is called. */
const sourceSlug = (label: string) => label.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "") || "database";

/** 20261128T031600123Z: sorts as time does, unique to the millisecond. */
const stamp = (date: Date) => date.toISOString().replace(/[-:.]/g, "");

export function backupFileName(source: string, kind: BackupKind, date = new Date()): string {
  return `${sourceSlug(source)}-${stamp(date)}${extensions[kind]}`;
}

export function kindOfFile(file: string): BackupKind | null {
  const name = path.basename(file);
  if (name.endsWith(extensions.pglite)) return "pglite";
  if (name.endsWith(extensions.postgres)) return "postgres";
  return null;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

export const checksumFileOf = (file: string) => `${file}${checksumSuffix}`;

/** Writes `<file>.sha256` for `file` under the name it will have once kept (`as`, default its own). */
export async function writeChecksum(file: string, as = file): Promise<string> {
  const digest = await sha256File(file);
  writeFileSync(checksumFileOf(as), `${digest}  ${path.basename(as)}\n`);
  return digest;
}

/** Refuses a file without its checksum, or whose bytes no longer match it (corrupt or tampered with). */
export async function verifyChecksum(file: string): Promise<string> {
  const sidecar = checksumFileOf(file);
  if (!existsSync(sidecar)) throw new BackupError(`${sidecar} is missing: without it the backup cannot be trusted.`);
  // The digest alone binds the two; the name it lists may differ if both files were renamed.
  const match = /^([0-9a-f]{64}) [ *]/.exec(readFileSync(sidecar, "utf8"));
  if (!match) throw new BackupError(`${sidecar} holds no SHA-256 digest.`);
  const actual = await sha256File(file);
  if (actual !== match[1]) {
    throw new BackupError(`${path.basename(file)} does not match its checksum (corrupt or altered): refusing to restore it.`);
  }
  return actual;
}

/** The kept backups of one source in `dir`, newest first: files of its name and kind that have a checksum. */
export function keptBackups(dir: string, source: string, kind: BackupKind): string[] {
  if (!existsSync(dir)) return [];
  const prefix = `${sourceSlug(source)}-`;
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from the constant extension table, escaped
  const pattern = new RegExp(`^\\d{8}T\\d{9}Z${extensions[kind].replace(/\./g, "\\.")}$`);
  const names = readdirSync(dir).filter(
    (name) => name.startsWith(prefix) && pattern.test(name.slice(prefix.length)) && existsSync(path.join(dir, name + checksumSuffix)),
  );
  return names
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}

/** Deletes all but the newest `keep` backups of the source (each with its checksum); returns what it deleted. */
export function pruneBackups(dir: string, source: string, kind: BackupKind, keep: number): string[] {
  const stale = keptBackups(dir, source, kind).slice(keep);
  for (const file of stale) {
    rmSync(file, { force: true });
    rmSync(checksumFileOf(file), { force: true });
  }
  return stale;
}
