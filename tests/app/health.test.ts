import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, TcpProxy } from "../helpers/tcp-proxy";

// Real requests through the health route handlers while the database server disappears and comes back.
// The server is the PostgreSQL named by TEST_DATABASE_URL, or PGlite speaking the PostgreSQL protocol.

type HealthModule = typeof import("@/app/api/health/route");
type ReadyModule = typeof import("@/app/api/health/ready/route");

const HEALTH_TOKEN = "health-token-for-tests-0123456789abcdef";
const get = (handler: HealthModule["GET"], path: string, token: string | null = HEALTH_TOKEN) =>
  handler(
    new Request(`http://localhost${path}`, {
      headers: { "x-request-id": "test-health-1", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }),
    undefined as never,
  );

describe("GET /api/health against a database that goes down and comes back", () => {
  let proxy: TcpProxy;
  let closeUpstream: () => Promise<void> = async () => {};
  let health: HealthModule;
  let ready: ReadyModule;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    let target: { host: string; port: number };
    let databasePath = "/postgres";
    let user = "postgres";
    if (process.env.TEST_DATABASE_URL) {
      const url = new URL(process.env.TEST_DATABASE_URL);
      target = { host: url.hostname, port: Number(url.port || 5432) };
      databasePath = url.pathname;
      user = url.username || user;
    } else {
      const pglite = new PGlite();
      const server = new PGLiteSocketServer({ db: pglite, port: await freePort(), host: "127.0.0.1" });
      await server.start();
      target = { host: "127.0.0.1", port: Number(server.getServerConn().split(":").pop()) };
      closeUpstream = async () => {
        await server.stop();
        await pglite.close();
      };
    }
    proxy = new TcpProxy(await freePort(), target);
    await proxy.start();
    process.env.DATABASE_URL = `postgres://${user}@127.0.0.1:${proxy.port}${databasePath}`;
    process.env.HEALTH_TOKEN = HEALTH_TOKEN;
    health = await import("@/app/api/health/route");
    ready = await import("@/app/api/health/ready/route");
  });

  afterAll(async () => {
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await proxy.stop();
    await closeUpstream();
    process.env.DATABASE_URL = previousUrl;
  });

  it("answers 200 with the round-trip latency, version and uptime while the database is up", async () => {
    const response = await get(health.GET, "/api/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { status: "ok", kind: "postgres" } });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect((await get(ready.GET, "/api/health/ready")).status).toBe(200);
  });

  it("tells anonymous callers and wrong tokens the status only: no version, uptime or database type", async () => {
    for (const token of [null, "wrong-token-of-the-same-length-000000", `${HEALTH_TOKEN}x`]) {
      const response = await get(health.GET, "/api/health", token);
      expect(response.status).toBe(200);
      expect(await response.json(), String(token)).toEqual({ status: "ok" });
    }
  });

  it("answers 503 with a JSON body, and no connection details, when the database is unreachable", async () => {
    await proxy.stop();
    const response = await get(health.GET, "/api/health");
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "error", database: { status: "error", error: "database unreachable" } });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres:\/\//);
    expect((await get(ready.GET, "/api/health/ready")).status).toBe(503);
  });

  it("answers 200 again once the database is back, without a restart", async () => {
    await proxy.start();
    const response = await get(health.GET, "/api/health");
    expect(response.status).toBe(200);
    expect((await response.json()).database.status).toBe("ok");
  });
});
