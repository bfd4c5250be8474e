import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/accounts/password-hash";
import { db } from "@/lib/db";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

// GET /api/metrics: absent (404; nothing loaded, startup.test.ts) until METRICS_TOKEN or METRICS_ALLOW is set; then
// each configured guard must pass, and the Prometheus text carries the series an operator watches, which move
// when people fail to sign in, get locked out, or mail waits in the queue.

// As behind server.mjs: X-Forwarded-For ends with the socket's address, the one the allowlist judges.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const TOKEN = "metrics-token-for-tests-0123456789abcdef";
type RouteModule = typeof import("@/app/api/metrics/route");

async function routeWith(variables: Record<string, string | undefined>): Promise<RouteModule> {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  return import("@/app/api/metrics/route");
}

const scrape = (route: RouteModule, headers: Record<string, string> = {}) =>
  route.GET(new Request("http://localhost/api/metrics", { headers: { "x-forwarded-for": "127.0.0.1", ...headers } }), undefined as never);

/** A sample's value in Prometheus text (0 when the series is absent). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /api/metrics", () => {
  useTestDatabase();

  it("does not exist while neither a token nor an allowlist is configured", async () => {
    const route = await routeWith({ METRICS_TOKEN: undefined, METRICS_ALLOW: undefined });
    const response = await scrape(route, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    // Audited events go by without a recorder to count them.
    const { audit } = await import("@/lib/audit");
    await audit({ action: "user.login_failed", details: { reason: "invalid_input" } });
    expect((await import("@/lib/observability/metrics")).metricsRecorder()).toBeUndefined();
  });

  it("refuses a scrape without the token, or with a wrong one, with 401", async () => {
    const route = await routeWith({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: undefined });
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await scrape(route, authorization ? { authorization } : {});
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("app_");
    }
  });

  it("answers the token with Prometheus text: requests, sign-ins, lockouts, the email queue, the pool, the process", async () => {
    const route = await routeWith({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: undefined });
    const response = await scrape(route, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    for (const type of [
      "# TYPE http_request_duration_seconds histogram",
      "# TYPE app_sign_ins_total counter",
      "# TYPE app_lockouts_total counter",
      "# TYPE app_audit_events_total counter",
      "# TYPE app_email_queue_messages gauge",
      "# TYPE app_db_pool_connections gauge",
      "# TYPE process_resident_memory_bytes gauge",
    ]) {
      expect(text).toContain(type);
    }
    for (const status of ["QUEUED", "SENDING", "FAILED", "DEAD"]) expect(text).toContain(`app_email_queue_messages{status="${status}"}`);
    // PostgreSQL reports its pool; the embedded database has none (n/a).
    const { dbConnection } = await import("@/lib/db");
    if (dbConnection().kind === "postgres") expect(text).toMatch(/app_db_pool_connections\{state="max"\} \d+/);
    else expect(text).not.toContain("app_db_pool_connections{");
  });

  it("counts failed sign-ins, the lockout they cause, and mail waiting in the queue", async () => {
    const route = await routeWith({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: undefined });
    const read = async () => (await (await scrape(route, { authorization: `Bearer ${TOKEN}` })).text()) as string;
    const before = await read();
    const { authenticate } = await import("@/lib/accounts/login");
    const user = await db.user.create({
      data: {
        email: `${unique("metrics")}@example.com`,
        firstName: "M",
        lastName: "T",
        passwordHash: await hashPassword("a long and correct passphrase"),
        emailVerified: new Date(),
      },
    });
    const context = { ipAddress: "198.51.100.77", userAgent: "Test", requestId: null };
    const attempts = systemConfig.accounts.maxFailedLogins;
    for (let i = 0; i < attempts; i++) await authenticate(user.email, `wrong ${i}`, context);
    await db.emailMessage.create({ data: { to: "queued@example.com", subject: "s", html: "h", text: "t", template: "test" } });
    const after = await read();

    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('app_sign_ins_total{result="failure"}')).toBe(attempts);
    expect(moved('app_lockouts_total{factor="password"}')).toBe(1);
    expect(moved('app_audit_events_total{action="user.locked"}')).toBe(1);
    // The queue gauge counts the whole table, so its move is ours only where this file is the one writer (an embedded
    // database per file); on the shared PostgreSQL other files queue and send mail meanwhile (CI saw it fall by 2).
    const { dbConnection } = await import("@/lib/db");
    if (dbConnection().kind !== "postgres") expect(moved('app_email_queue_messages{status="QUEUED"}')).toBeGreaterThanOrEqual(1);
  });

  it("with an allowlist, refuses other addresses (403), and with a token too, needs both", async () => {
    const listOnly = await routeWith({ METRICS_TOKEN: undefined, METRICS_ALLOW: "10.0.0.0/8, 2001:db8::/32" });
    expect((await scrape(listOnly, { "x-forwarded-for": "10.20.30.40" })).status).toBe(200);
    expect((await scrape(listOnly, { "x-forwarded-for": "2001:db8::7" })).status).toBe(200);
    const refused = await scrape(listOnly, { "x-forwarded-for": "192.0.2.1" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("app_");

    const both = await routeWith({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: "10.0.0.0/8" });
    expect((await scrape(both, { "x-forwarded-for": "10.20.30.40" })).status).toBe(401);
    expect((await scrape(both, { "x-forwarded-for": "192.0.2.1", authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    expect((await scrape(both, { "x-forwarded-for": "10.20.30.40", authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
