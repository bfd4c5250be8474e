import "server-only";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteOptions } from "./db-connection";

// Prisma's own schema engine, compiled to WebAssembly and driven through a driver adapter. It writes the
// standard `_prisma_migrations` history, so `prisma migrate deploy` accepts the same folder elsewhere, but it
// needs no native engine download: migrations work offline, on PostgreSQL and on embedded PGlite alike.

const root = process.cwd();
/** The data model: every .prisma file in this folder (prisma.config.ts points the Prisma CLI at it too). */
export const schemaDir = path.join(root, "prisma", "schema");
export const migrationsDir = path.join(root, "prisma", "migrations");
const noFilters = { externalTables: [], externalEnums: [] };
const emptyMigration = "-- This is an empty migration.";

let engineLoaded = false;
function loadEngineWasm(): void {
  if (engineLoaded) return;
  // The package's entry imports the .wasm as an ES module, which Node cannot; instantiate it by hand.
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as unknown as { __wbindgen_start(): void };
  (engineBindings as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  engineLoaded = true;
}

/**
 * [path, content] of every .prisma file under `dir`, subfolders included, the way the Prisma CLI reads a schema
 * folder: a module's new file is part of the schema (and of the next migration) without being registered anywhere.
 * Sorted, so the engine sees the same order on every machine.
 */
export function readSchemaFiles(dir: string = schemaDir): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => file.endsWith(".prisma") && statSync(file).isFile())
    .sort()
    .map((file) => [file, readFileSync(file, "utf8")]);
}

type ScriptOptions = {
  /** PostgreSQL's lock_timeout for each migration script, in ms: a script waiting longer for a lock fails. */
  lockTimeoutMs?: number;
  /** Called when a script failed because it waited too long for a lock; `whole`: it ran as one transaction. */
  onLockTimeout?: (whole: boolean) => void;
};

/**
 * On PostgreSQL, each script runs as one simple query: one implicit transaction, all or nothing, as under
 * Prisma's native engine. The driver adapter would split it at every ";" and run the pieces one by one, so a
 * failure half-way (a lock timeout, say) would leave half a migration behind. A script with its own COMMIT
 * (Prisma writes BEGIN … COMMIT around enum changes) is all or nothing only up to that COMMIT.
 */
function atomicScripts<A extends SqlDriverAdapter>(adapter: A, options: ScriptOptions): A {
  if (adapter.adapterName !== "@prisma/adapter-pg") return adapter; // PGlite runs a script whole already (exec)
  const lockTimeout = options.lockTimeoutMs === undefined ? "" : `SET lock_timeout = ${Math.max(0, Math.floor(options.lockTimeoutMs))};\n`;
  adapter.executeScript = async (script) => {
    // A statement that refuses a transaction block (CREATE INDEX CONCURRENTLY) works only as a migration of its
    // own, sent alone; while it waits it holds up no reads or writes, so it needs no lock timeout either.
    const prefix = /\b(CONCURRENTLY|VACUUM)\b/i.test(script) ? "" : lockTimeout;
    try {
      await adapter.executeRaw({ sql: `${prefix}${script}`, args: [], argTypes: [] });
    } catch (error) {
      if ((error as { cause?: { originalCode?: string } }).cause?.originalCode === "55P03") {
        options.onLockTimeout?.(!/^\s*(COMMIT|END|ROLLBACK)\b/im.test(script));
      }
      throw error;
    }
  };
  return adapter;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodels: [string, string][],
  run: (engine: SchemaEngine) => Promise<T>,
  scripts: ScriptOptions = {},
): Promise<T> {
  loadEngineWasm();
  // The engine never closes the connections it opens, and its PostgreSQL session keeps holding Prisma's
  // migration advisory lock until it does: track them and close them ourselves.
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(atomicScripts(await factory.connect(), scripts)),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember<A extends { dispose(): Promise<void> }>(adapter: A): A {
    opened.push(adapter);
    return adapter;
  }
  const engine = (await engineBindings.SchemaEngine.new(
    { datamodels },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  )) as SchemaEngine;
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
  }
}

export function readMigrations(dir: string = migrationsDir): MigrationList {
  const directories = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: readFileSync(path.join(dir, "migration_lock.toml"), "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

export class MigrationLockTimeoutError extends Error {}

/**
 * What `prisma migrate deploy` does: applies pending migrations; returns the names it applied. With
 * `lockTimeoutMs` (PostgreSQL), a migration that waits longer for a lock (a long transaction holds the table) fails
 * instead of queueing every query of the application behind it; being one transaction it left nothing behind, so
 * it is marked rolled back and the next run tries it again. The folder defaults to the project's; tests point it
 * elsewhere.
 */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { migrationsDir?: string; lockTimeoutMs?: number } = {},
): Promise<string[]> {
  let lockTimedOut: { whole: boolean } | null = null;
  const scripts = { lockTimeoutMs: options.lockTimeoutMs, onLockTimeout: (whole: boolean) => (lockTimedOut = { whole }) };
  return withEngine(
    factory,
    readSchemaFiles(),
    async (engine) => {
      try {
        const result = await engine.applyMigrations({ migrationsList: readMigrations(options.migrationsDir), filters: noFilters });
        return result.appliedMigrationNames;
      } catch (error) {
        const timedOut = lockTimedOut as { whole: boolean } | null;
        if (!timedOut) throw error;
        const failed = (await migrationHistory(factory)).failed;
        const waited = `Migration ${failed.join(", ")} waited more than ${options.lockTimeoutMs} ms for a lock another session holds (a long transaction on its table)`;
        if (!timedOut.whole) {
          throw new MigrationLockTimeoutError(
            `${waited}. It commits part of its work itself (COMMIT), so what it applied must be checked by hand, then ` +
              "recorded with `prisma migrate resolve`.",
          );
        }
        for (const migrationName of failed) await engine.markMigrationRolledBack({ migrationName });
        throw new MigrationLockTimeoutError(
          `${waited} and was rolled back: nothing of it was applied. Run db:migrate again when that transaction is ` +
            "over, or raise MIGRATION_LOCK_TIMEOUT_MS.",
        );
      }
    },
    scripts,
  );
}

/** The migrations the database records as applied, and those recorded as failed (started, neither finished nor rolled back). */
async function migrationHistory(factory: SqlMigrationAwareDriverAdapterFactory): Promise<{ applied: string[]; failed: string[] }> {
  const adapter = await factory.connect();
  try {
    const table = await adapter.queryRaw({
      sql: "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'",
      args: [],
      argTypes: [],
    });
    if (table.rows.length === 0) return { applied: [], failed: [] };
    const rows = await adapter.queryRaw({
      sql: 'SELECT migration_name, finished_at IS NOT NULL FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
      args: [],
      argTypes: [],
    });
    const named = rows.rows.map(([name, finished]) => ({ name: String(name), finished: Boolean(finished) }));
    return { applied: named.filter((m) => m.finished).map((m) => m.name), failed: named.filter((m) => !m.finished).map((m) => m.name) };
  } finally {
    await adapter.dispose();
  }
}

/** The migrations in the folder that the database has not applied yet, and how many it has. */
export async function pendingMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  folders: { migrationsDir?: string } = {},
): Promise<{ pending: string[]; applied: number }> {
  const { applied } = await migrationHistory(factory);
  const done = new Set(applied);
  const pending = readMigrations(folders.migrationsDir)
    .migrationDirectories.map((dir) => dir.path)
    .filter((name) => !done.has(name));
  return { pending, applied: applied.length };
}

/**
 * The SQL that would bring the migration history up to the schema folder, or null when they agree.
 * The history is replayed on a throwaway in-memory PGlite (the shadow database). The folders default to the
 * project's; tests point them elsewhere.
 */
export async function pendingSchemaChange(folders: { schemaDir?: string; migrationsDir?: string } = {}): Promise<string | null> {
  const datamodels = readSchemaFiles(folders.schemaDir);
  const migrations = readMigrations(folders.migrationsDir);
  const main = new PGlite(pgliteOptions);
  const shadow = new PGlite(pgliteOptions);
  const factory = new PrismaPGlite(main);
  // The engine replays the history on the factory's shadow database, which the adapter would open
  // without the extensions the migrations create (pg_trgm): hand it one that has them.
  factory.connectToShadowDb = () => new PrismaPGlite(shadow).connect();
  try {
    return await withEngine(factory, datamodels, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: datamodels.map(([file, content]) => ({ path: file, content })) },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      const sql = (result.stdout ?? "").trim();
      return sql === "" || sql === emptyMigration ? null : sql;
    });
  } finally {
    await Promise.all([main.close(), shadow.close()]);
  }
}
