import "server-only";
import { dbConnection, pingDb } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { bearerMatches } from "@/lib/secure-token";
import { isDraining } from "@/lib/shutdown";
import packageJson from "@/package.json";

export type HealthReport = {
  status: "ok" | "error";
  version: string;
  uptimeSeconds: number;
  time: string;
  database: { status: "ok" | "error"; kind: "postgres" | "pglite"; latencyMs?: number; error?: string };
};

/**
 * Whether the caller may see the full report: version, uptime and database type help an attacker pick an
 * exploit, so anonymous callers get the status alone. Monitoring sends `Authorization: Bearer <HEALTH_TOKEN>`.
 */
export function mayReadHealthDetails(authorization: string | null, token = env.HEALTH_TOKEN): boolean {
  return bearerMatches(authorization, token);
}

/** A full check: one database round trip with its latency. */
export async function checkHealth(): Promise<HealthReport> {
  const kind = dbConnection().kind;
  let database: HealthReport["database"];
  try {
    database = { status: "ok", kind, latencyMs: await pingDb() };
  } catch (error) {
    log.warn({ err: error }, "health: database unreachable");
    // The reason class only: connection strings and driver messages stay in the log.
    database = { status: "error", kind, error: "database unreachable" };
  }
  return {
    status: database.status,
    version: packageJson.version,
    uptimeSeconds: Math.round(process.uptime()),
    time: new Date().toISOString(),
    database,
  };
}

/** Ready for traffic: the database answers and the server is not shutting down. */
export async function checkReadiness(): Promise<{ ready: boolean; reason?: string }> {
  if (isDraining()) return { ready: false, reason: "shutting down" };
  try {
    await pingDb();
    return { ready: true };
  } catch {
    return { ready: false, reason: "database unreachable" };
  }
}
