import "server-only";
import { refuse, type Refusal } from "@/lib/outcome";

// What the database layer throws when PostgreSQL is gone, full or too slow, as Prisma 7 with @prisma/adapter-pg
// (pg 8) actually throws it (tests/lib/http/database-faults.test.ts provokes each through a TCP relay):
//   refused or reset connection   PrismaClientKnownRequestError P1001 / P1017 / P2010, meta.driverAdapterError.cause.kind
//                                 DatabaseNotReachable or ConnectionClosed (SocketTimeout on ETIMEDOUT)
//   statement_timeout             the same error carrying SQLSTATE 57014 in driverAdapterError.cause.code
//   pool or connect timeout       a plain Error from pg-pool: "timeout exceeded when trying to connect",
//                                 "Connection terminated due to connection timeout"
//   client query_timeout, a link  a plain Error from pg: "Query read timeout", "Connection terminated unexpectedly"
//   dropped mid-query
// Such a failure is the service's, not the request's: the answer is 503 with Retry-After, never a 500 with a stack.

/** Seconds a client should wait before retrying: long enough for a pool to drain or a failover to finish. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// query_canceled (statement_timeout), too_many_connections, admin/crash shutdown, cannot_connect_now; class 08: connection exceptions.
const SQLSTATES = new Set(["57014", "53300", "57P01", "57P02", "57P03"]);
const DRIVER_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated (unexpectedly|due to connection timeout)$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
];
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);

type Loose = { name?: unknown; code?: unknown; message?: unknown; meta?: unknown; cause?: unknown; kind?: unknown };

function isSqlState(code: unknown): boolean {
  return typeof code === "string" && (SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

/** Whether `error` (or one of its causes) says the database cannot serve now, rather than that the request is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error as Loose | undefined, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = current.code;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isSqlState(code))) return true;
    const adapter = ((current.meta as { driverAdapterError?: { cause?: Loose } } | undefined)?.driverAdapterError?.cause ??
      (current.name === "DriverAdapterError" ? current.cause : undefined)) as Loose | undefined;
    if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || isSqlState(adapter.code))) return true;
    if (typeof current.message === "string" && DRIVER_MESSAGES.some((pattern) => pattern.test(current!.message as string))) return true;
    current = current.cause as Loose | undefined;
  }
  return false;
}

/** The refusal forms and problem+json give while the database cannot serve. */
export function databaseUnavailable(): Refusal {
  return refuse(503, "The service is briefly unavailable. Try again in a few seconds.", {
    code: "database_unavailable",
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}
