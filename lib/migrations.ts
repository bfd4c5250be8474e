import "server-only";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteOptions } from "./db-connection";

// Prisma's own schema engine, compiled to WebAssembly and driven through a driver adapter. It writes the
// standard `_prisma_migrations` history, so `prisma migrate deploy` accepts the same folder elsewhere, but it
// needs no native engine download: migrations work offline, on PostgreSQL and on embedded PGlite alike.

const root = process.cwd();
const schemaPath = path.join(root, "prisma", "schema.prisma");
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

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadEngineWasm();
  // The engine never closes the connections it opens, and its PostgreSQL session keeps holding Prisma's
  // migration advisory lock until it does: track them and close them ourselves.
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember<A extends { dispose(): Promise<void> }>(adapter: A): A {
    opened.push(adapter);
    return adapter;
  }
  const datamodel = readFileSync(schemaPath, "utf8");
  const engine = (await engineBindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", datamodel]] },
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

export function readMigrations(): MigrationList {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const directories = readdirSync(migrationsDir)
    .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: readFileSync(lockPath, "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** What `prisma migrate deploy` does: applies pending migrations; returns the names it applied. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(factory, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(), filters: noFilters });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that would bring the migration history up to schema.prisma, or null when they agree.
 * The history is replayed on a throwaway in-memory PGlite (the shadow database).
 */
export async function pendingSchemaChange(): Promise<string | null> {
  const main = new PGlite(pgliteOptions);
  const shadow = new PGlite(pgliteOptions);
  const factory = new PrismaPGlite(main);
  // The engine replays the history on the factory's shadow database, which the adapter would open
  // without the extensions the migrations create (pg_trgm): hand it one that has them.
  factory.connectToShadowDb = () => new PrismaPGlite(shadow).connect();
  try {
    return await withEngine(factory, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...readMigrations() },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
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
