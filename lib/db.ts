import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { openConnection, type Connection } from "./db-connection";
import { env } from "./env";

// The only place that builds a Prisma client. Everything else reaches the database through lib/ features
// that import `db` from here. The client survives dev hot reloads, which would otherwise open a new pool
// (or, on PGlite, a second copy of the database) on every edit.
type DbState = { connection: Connection; client: PrismaClient };
const globalForDb = globalThis as unknown as { appDb?: DbState };

function state(): DbState {
  if (!globalForDb.appDb) {
    if (process.env.NEXT_PHASE === "phase-production-build") {
      throw new Error("The database was reached during `next build`: a page that reads data must render per request.");
    }
    const connection = openConnection(env.DATABASE_URL, {
      poolMax: env.DB_POOL_MAX,
      poolTimeoutMs: env.DB_POOL_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    });
    globalForDb.appDb = { connection, client: new PrismaClient({ adapter: connection.factory }) };
  }
  return globalForDb.appDb;
}

/** The Prisma client, opened on first use so that importing this module never touches the database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = state().client;
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export function dbConnection(): Connection {
  return state().connection;
}

/** Measures one round trip; rejects when the database is unreachable or slower than `timeoutMs`. */
export async function pingDb(timeoutMs = 2_000): Promise<number> {
  const { connection, client } = state();
  await connection.ready(); // an embedded database's one-off start is not a round trip
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.$queryRaw`SELECT 1`, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Math.round((performance.now() - started) * 10) / 10;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.appDb;
  if (!current) return;
  globalForDb.appDb = undefined;
  await current.client.$disconnect();
  await current.connection.close();
}
