import "server-only";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { BackupError } from "./errors";
import { countDifferences, pgRunner, quoteIdent, rowCounts, userTables, type RowCounts } from "./sql";

// PostgreSQL backups are pg_dump's custom format (compressed, restorable table by table) and come back through
// pg_restore. Both tools run as child processes, given the URL without its password: a password in the
// arguments would be readable by every user of the machine (ps); they read it from PGPASSWORD instead.

const run = promisify(execFile);
const TOOL_PACKAGE = "postgresql-client";

/** Query parameters only Prisma or node-postgres understand: libpq (pg_dump, pg_restore) refuses unknown ones. */
const clientOnlyParameters = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "socket_timeout", "statement_cache_size"];

/** The arguments and environment for a libpq tool connecting to `url`: the password travels in the environment. */
export function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const name of clientOnlyParameters) parsed.searchParams.delete(name);
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT ?? "10" };
  if (password) env.PGPASSWORD = password;
  else delete env.PGPASSWORD;
  return { url: parsed.toString(), env };
}

export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The tool's major version; a missing tool is named with the package that brings it. */
async function toolMajor(tool: "pg_dump" | "pg_restore"): Promise<number> {
  try {
    const { stdout } = await run(tool, ["--version"]);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    if (!match) throw new BackupError(`Could not read ${tool}'s version from "${stdout.trim()}".`);
    return Number(match[1]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new BackupError(
      `${tool} was not found on PATH. Install PostgreSQL's client tools (Debian/Ubuntu: apt-get install ${TOOL_PACKAGE}; ` +
        `their major version must be at least the server's), or put their folder (/usr/lib/postgresql/<major>/bin) on PATH.`,
    );
  }
}

const serverMajor = async (client: pg.Client) =>
  Math.floor(Number((await client.query("SHOW server_version_num")).rows[0].server_version_num) / 10_000);

/** pg_dump refuses a server newer than itself, and a dump it could write anyway would miss the newer features. */
async function checkDumpVersion(client: pg.Client): Promise<void> {
  const [tool, server] = [await toolMajor("pg_dump"), await serverMajor(client)];
  if (tool < server) {
    throw new BackupError(
      `pg_dump ${tool} cannot dump a PostgreSQL ${server} server: install ${TOOL_PACKAGE}-${server} (or newer) and put it first on PATH.`,
    );
  }
}

async function runTool(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BackupError(`${tool} failed: ${stderr || (error as Error).message}`);
  }
}

/**
 * Dumps the database at `url` into `file` and returns its row counts as of the same instant. The counts are read
 * inside a REPEATABLE READ transaction whose snapshot pg_dump then imports (--snapshot): dump and counts see
 * exactly the same data, however busy the application is. Counts read just before or after the dump would race
 * with its writes and fail verification for no fault of the backup.
 */
export async function dumpPostgres(url: string, file: string): Promise<RowCounts> {
  return withClient(url, async (client) => {
    await checkDumpVersion(client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const snapshot = (await client.query("SELECT pg_export_snapshot() AS id")).rows[0].id as string;
      const counts = await rowCounts(pgRunner(client));
      // The exporting transaction stays open until pg_dump is done: the snapshot lives only as long as it does.
      await pgDump(url, file, snapshot);
      return counts;
    } finally {
      await client.query("COMMIT");
    }
  });
}

/** pg_dump's custom format (compressed), from an exported snapshot when given. */
async function pgDump(url: string, file: string, snapshot?: string): Promise<void> {
  const tool = toolConnection(url);
  const args = ["--format=custom", "--no-password", `--file=${file}`, `--dbname=${tool.url}`];
  if (snapshot) args.push(`--snapshot=${snapshot}`);
  await runTool("pg_dump", args, tool.env);
}

async function pgRestore(file: string, url: string): Promise<void> {
  await toolMajor("pg_restore");
  const tool = toolConnection(url);
  // Objects end up owned by whoever restores, and grants are left out: the roles of the source need not exist here.
  await runTool(
    "pg_restore",
    ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${tool.url}`, file],
    tool.env,
  );
}

/** Lists the archive's contents: reads the whole table of contents, so a truncated or foreign file fails here. */
async function checkArchive(file: string): Promise<void> {
  await toolMajor("pg_restore");
  await runTool("pg_restore", ["--list", file], process.env);
}

/**
 * Restores `file` into a scratch database created beside the source (and dropped afterwards) and compares its
 * row counts with `expected`; returns what differs (nothing when the backup is good).
 */
export async function verifyPostgresDump(url: string, file: string, expected: RowCounts): Promise<string[]> {
  const scratch = `${databaseName(url).slice(0, 40)}_verify_${randomBytes(4).toString("hex")}`.toLowerCase();
  await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(scratch)} TEMPLATE template0`)).catch((error: Error) => {
    throw new BackupError(`Could not create a scratch database to verify the backup (the role needs CREATEDB): ${error.message}`);
  });
  try {
    const scratchUrl = withDatabase(url, scratch);
    try {
      await pgRestore(file, scratchUrl);
    } catch (error) {
      return [`the dump does not restore: ${(error as Error).message}`];
    }
    return countDifferences(expected, await withClient(scratchUrl, (client) => rowCounts(pgRunner(client))));
  } finally {
    await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)}`));
  }
}

/** Creates the database named in `url` when the server has none of that name; true when it did. */
async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await (await connect(url)).end();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: no such database
  }
  await withClient(withDatabase(url, "postgres"), (client) => client.query(`CREATE DATABASE ${quoteIdent(databaseName(url))}`));
  return true;
}

/** Drops every schema that holds data (public is made again, empty): what --force does before a restore. */
async function emptyDatabase(client: pg.Client): Promise<void> {
  const schemas = await client.query<{ name: string }>(
    "SELECT nspname AS name FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'",
  );
  await client.query("BEGIN");
  for (const { name } of schemas.rows) await client.query(`DROP SCHEMA ${quoteIdent(name)} CASCADE`);
  await client.query("CREATE SCHEMA IF NOT EXISTS public");
  await client.query("COMMIT");
}

/** Restores `file` into the database at `url`: a new one, an empty one, or (force) one it empties first. */
export async function restorePostgres(file: string, url: string, force: boolean): Promise<{ created: boolean; counts: RowCounts }> {
  await checkArchive(file);
  const created = await ensureDatabase(url);
  await withClient(url, async (client) => {
    const tables = await userTables(pgRunner(client));
    if (tables.length === 0) return;
    if (!force) {
      throw new BackupError(
        `${databaseName(url)} is not empty (${tables.length} tables): restore into a new or empty database, or add --force to replace everything in it.`,
        2,
      );
    }
    await emptyDatabase(client);
  });
  await pgRestore(file, url);
  return { created, counts: await withClient(url, (client) => rowCounts(pgRunner(client))) };
}
