import "server-only";

// What the rest of the app calls to count things, at no cost while metrics are off: the recorder lives in a
// process-wide slot that lib/observability/registry.ts fills (prom-client and all) only when METRICS_TOKEN or
// METRICS_ALLOW is set; until then each call below is one property read. server.mjs reads the same slot to time
// requests, so the slot is keyed by a global symbol rather than held in a module (server.mjs and Next's bundle
// do not share module instances).

export type MetricsRecorder = {
  /** One finished HTTP request: its route pattern (not the raw path), method, status and duration. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** One audit event: sign-ins, failures and lockouts are counted from the audit trail. */
  countAuditEvent(action: string, details: unknown): void;
};

export const METRICS_SLOT = Symbol.for("app.observability.metrics");

type Slots = { [METRICS_SLOT]?: MetricsRecorder };

export function metricsRecorder(): MetricsRecorder | undefined {
  return (globalThis as Slots)[METRICS_SLOT];
}

export function installMetricsRecorder(recorder: MetricsRecorder | undefined): void {
  (globalThis as Slots)[METRICS_SLOT] = recorder;
}

export function countAuditEvent(action: string, details: unknown): void {
  metricsRecorder()?.countAuditEvent(action, details);
}
