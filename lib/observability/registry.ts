import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { log } from "@/lib/log";
import { installMetricsRecorder, type MetricsRecorder } from "./metrics";

// The Prometheus registry, built only when metrics are configured (lib/boot.ts at start-up, or the first scrape):
// importing this file is what loads prom-client. Every label has a bounded set of values: route patterns from
// Next's manifest (never raw paths), HTTP methods from a list, status classes, audit actions the modules declare.
// The database and the email queue are read at scrape time, imported then: start-up does not open the database.

const REGISTRY_SLOT = Symbol.for("app.observability.registry");
type Slots = { [REGISTRY_SLOT]?: Registry };

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The process's registry, created (with the recorder the app counts through) on first call. */
export function metricsRegistry(): Registry {
  const slots = globalThis as Slots;
  return (slots[REGISTRY_SLOT] ??= createRegistry());
}

function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP requests served by server.mjs, by route pattern, method and status class",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const signIns = new Counter({
    name: "app_sign_ins_total",
    help: "Sign-in attempts by result (a failure is a refused password or two-factor code, or a rate-limited attempt)",
    labelNames: ["result"],
    registers: [registry],
  });
  const lockouts = new Counter({
    name: "app_lockouts_total",
    help: "Accounts locked after too many wrong passwords or two-factor codes",
    labelNames: ["factor"],
    registers: [registry],
  });
  const auditEvents = new Counter({
    name: "app_audit_events_total",
    help: "Audit log entries written, by action",
    labelNames: ["action"],
    registers: [registry],
  });
  new Gauge({
    name: "app_email_queue_messages",
    help: "Email messages not yet delivered (and dead letters), by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      const depth = await orNull(
        import("@/lib/email/outbox").then(({ queueDepth }) => queueDepth()),
        "email queue depth",
      );
      for (const [status, count] of Object.entries(depth ?? {})) this.set({ status }, count);
    },
  });
  new Gauge({
    name: "app_db_pool_connections",
    help: "PostgreSQL pool of this process: connections in use and idle, requests waiting for one, and the maximum",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      // The embedded database has no pool; before the first query there is none yet either.
      const use = (await import("@/lib/db")).dbConnection().poolUse?.();
      if (!use) return;
      this.set({ state: "in_use" }, use.inUse);
      this.set({ state: "idle" }, use.idle);
      this.set({ state: "waiting" }, use.waiting);
      this.set({ state: "max" }, use.max);
    },
  });

  const recorder: MetricsRecorder = {
    observeRequest(method, route, status, seconds) {
      const labels = { route, method: METHODS.has(method) ? method : "OTHER", status: `${Math.floor(status / 100)}xx` };
      requests.observe(labels, seconds);
    },
    countAuditEvent(action, details) {
      auditEvents.inc({ action });
      if (action === "user.login") signIns.inc({ result: "success" });
      else if (action === "user.login_failed" || action === "user.two_factor_failed") signIns.inc({ result: "failure" });
      else if (action === "user.locked") {
        const reason = (details as { reason?: unknown } | null | undefined)?.reason;
        lockouts.inc({ factor: reason === "two_factor" ? "two_factor" : "password" });
      }
    },
  };
  installMetricsRecorder(recorder);
  return registry;
}

/** A scrape still answers when the database does not: that gauge is left out, the reason logged. */
async function orNull<T>(value: Promise<T>, what: string): Promise<T | null> {
  try {
    return await value;
  } catch (error) {
    log.warn({ err: error }, `metrics: ${what} unavailable`);
    return null;
  }
}
