import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockEmbeddedDatabase } from "./embedded-lock";

export type Connection = {
  kind: "postgres" | "pglite";
  /** Safe to print: the host and database, or the embedded folder; never a password. */
  label: string;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Resolves once the database can take queries (PGlite takes a moment to start; a server is ready). */
  ready(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL's pool as it stands (null before the first query); the embedded database has none. */
  poolUse?(): PoolUse | null;
};

type PoolUse = { inUse: number; idle: number; waiting: number; max: number };

/** PrismaPg builds its pool when Prisma connects: keep hold of it, so /api/metrics can tell how it is used. */
class PoolReportingPrismaPg extends PrismaPg {
  private pool: { totalCount: number; idleCount: number; waitingCount: number } | null = null;
  override async connect() {
    const adapter = await super.connect();
    this.pool = adapter.underlyingDriver();
    return adapter;
  }
  use(max: number): PoolUse | null {
    const pool = this.pool;
    return pool && { inUse: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount, max };
  }
}

type ConnectionOptions = {
  poolMax?: number;
  /** How long a query waits for a pooled connection (or a new one to open) before failing: a full pool or a dead server. */
  poolTimeoutMs?: number;
  /** The longest a statement may run; unset (scripts, migrations), none. */
  statementTimeoutMs?: number;
};

/** Opens the database named by a URL: postgres://… through node-postgres, pglite:<folder|memory> embedded. */
export function openConnection(url: string, options: ConnectionOptions = {}): Connection {
  if (url.startsWith("pglite:")) return openPGlite(url.slice("pglite:".length));
  const max = options.poolMax ?? 10;
  const statementTimeout = options.statementTimeoutMs;
  const factory = new PoolReportingPrismaPg({
    connectionString: url,
    max,
    // A database that is down, or a pool whose connections are all busy, must fail fast (503) rather than let
    // requests queue without bound.
    connectionTimeoutMillis: options.poolTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // Short indexed queries only: PostgreSQL's JIT, which a large estimated row count switches on (the users
    // search's materialised match set), spends more compiling than it saves, up to tens of ms a query.
    // A slow statement is cancelled by the server at statement_timeout; a slow or silent network by the client a
    // second later (its connection is then discarded), so the server's own cancel wins when it can answer.
    options: statementTimeout ? `-c jit=off -c statement_timeout=${statementTimeout}` : "-c jit=off",
    ...(statementTimeout ? { query_timeout: statementTimeout + 1_000 } : {}),
  });
  const parsed = new URL(url);
  return {
    kind: "postgres",
    label: `postgres://${parsed.host}${parsed.pathname}`,
    factory,
    ready: async () => {},
    close: async () => {},
    poolUse: () => factory.use(max),
  };
}

/** The extensions migrations use (pg_trgm for trigram search indexes), loaded into every embedded database. */
export const pgliteOptions: PGliteOptions = { extensions: { pg_trgm } };

function openPGlite(location: string): Connection {
  if (location === "memory" || location === "memory://") {
    const pglite = new PGlite(pgliteOptions);
    return {
      kind: "pglite",
      label: "pglite (in memory)",
      factory: new PrismaPGlite(pglite),
      ready: () => pglite.waitReady,
      close: () => pglite.close(),
    };
  }
  const dataDir = path.resolve(location);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockEmbeddedDatabase(dataDir);
  const pglite = new PGlite(dataDir, pgliteOptions);
  return {
    kind: "pglite",
    label: `pglite:${path.relative(process.cwd(), dataDir) || dataDir}`,
    factory: new PrismaPGlite(pglite),
    ready: () => pglite.waitReady,
    close: async () => {
      await pglite.close();
      releaseLock();
    },
  };
}
