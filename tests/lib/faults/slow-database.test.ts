import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFaultDatabase, NO_DATABASE_MESSAGE, openFaultApp, sleep, type FaultApp } from "../../helpers/fault-app";

// A slow database: statements past DB_STATEMENT_TIMEOUT_MS are cancelled by the server, a slow network (latency
// injected at the relay) by the client a second later, and a request that finds every pooled connection busy
// waits DB_POOL_TIMEOUT_MS at most. Each answers 503 database_unavailable; the pool never grows past DB_POOL_MAX.

const POOL_MAX = 2;
const POOL_TIMEOUT_MS = 500;
const STATEMENT_TIMEOUT_MS = 1_000;
if (!hasFaultDatabase) console.warn(`tests/lib/faults/slow-database.test.ts: ${NO_DATABASE_MESSAGE}`);

describe.skipIf(!hasFaultDatabase)("a slow or saturated database", () => {
  let app: FaultApp;
  let db: typeof import("@/lib/db").db;
  let route: typeof import("@/lib/http/route").route;
  beforeAll(async () => {
    app = await openFaultApp({
      DB_POOL_MAX: String(POOL_MAX),
      DB_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS),
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    });
    ({ db } = await import("@/lib/db"));
    ({ route } = await import("@/lib/http/route"));
    expect((await app.call("GET", "/projects")).status).toBe(200); // warm
  });
  afterAll(async () => app?.close());

  it("cancels a statement at the statement timeout and answers 503, not a hang", async () => {
    const [row] = await db.$queryRaw<{ setting: string }[]>`SELECT setting FROM pg_settings WHERE name = 'statement_timeout'`;
    expect(row?.setting).toBe(String(STATEMENT_TIMEOUT_MS));
    const slow = route(async () => Response.json(await db.$queryRaw`SELECT 1 AS one FROM pg_sleep(10)`));
    const started = performance.now();
    const response = await slow(new Request("http://localhost/api/slow"), undefined);
    const ms = performance.now() - started;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ code: "database_unavailable" });
    expect(ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 900); // the server's cancel, not the client's a second later
    expect((await app.call("GET", "/projects")).status).toBe(200);
  });

  it("bounds every request when the network is slow, and the pool does not pile up", async () => {
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, app.relay.clients.size)), 10);
    app.relay.latencyMs = 2_500; // each round trip 5 s: past every timeout
    const answers = await Promise.all(Array.from({ length: 12 }, () => app.call("GET", "/projects")));
    app.relay.latencyMs = 0;
    clearInterval(watch);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(503));
    expect(answers.every((a) => a.code === "database_unavailable")).toBe(true);
    // Those holding a connection: the client's read timeout; the rest: the pool's wait, well before that.
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(slowest).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_000 + 700);
    expect(answers.filter((a) => a.ms < POOL_TIMEOUT_MS + 800).length, JSON.stringify(answers.map((a) => a.ms))).toBeGreaterThanOrEqual(
      12 - POOL_MAX,
    );
    expect(peak).toBeLessThanOrEqual(POOL_MAX);
    await sleep(100);
    expect((await app.call("GET", "/projects")).status).toBe(200);
  });

  it("answers 503 within the pool timeout when every connection is busy, and serves again once one is free", async () => {
    // Prisma's queries are lazy: then() sends them now.
    const holds = Array.from({ length: POOL_MAX }, () => db.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.9)`.then(() => "held"));
    await sleep(100);
    const refused = await app.call("GET", "/projects");
    expect(refused).toMatchObject({ status: 503, code: "database_unavailable", retryAfter: "5" });
    expect(refused.ms).toBeGreaterThanOrEqual(POOL_TIMEOUT_MS - 50);
    expect(refused.ms).toBeLessThan(POOL_TIMEOUT_MS + 400);
    expect(await Promise.all(holds)).toEqual(Array(POOL_MAX).fill("held"));
    expect((await app.call("GET", "/projects")).status).toBe(200);
  });
});
