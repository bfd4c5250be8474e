import http from "node:http";
import { expect, test } from "@playwright/test";
import { serverEnv } from "../playwright.config";
import { FaultRelay } from "../tests/helpers/fault-relay";
import { startServer, waitUntilLive } from "./own-server";

// SIGTERM while the server is busy: a production server.mjs on PostgreSQL, its database a little slow (latency at a
// relay, so requests are in flight inside the app when the signal lands), under steady load from several clients.
// Every request the server had taken finishes with its normal status; then the pool closes and the process exits.

const port = 3178;
const databaseUrl = process.env.E2E_DATABASE_URL;
// What each route answers when nothing is wrong: a database round trip (health), a page that reads the database
// (status) and an API call refused for want of a token after its rate-limit write (projects).
const routes = [
  { path: "/api/health", normal: 200 },
  { path: "/status", normal: 200 },
  { path: "/api/v1/projects", normal: 401 },
];

type Outcome = { path: string; normal: number; started: number; ended: number; status?: number; error?: string };

/** One request on a connection of its own, so nothing waits on keep-alive; the error's code if it never got an answer. */
function request(path: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode }));
      res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

test("SIGTERM under load: every request the server had taken completes normally, then it exits", async () => {
  test.skip(!databaseUrl, "needs PostgreSQL: set E2E_DATABASE_URL (CI does)");
  test.setTimeout(90_000);
  const target = new URL(databaseUrl!);
  const relay = new FaultRelay({ host: target.hostname, port: Number(target.port || 5432) });
  await relay.start();
  const server = startServer(port, {
    ...serverEnv,
    DATABASE_URL: relay.urlThrough(databaseUrl!),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
  });
  try {
    await waitUntilLive(port);
    // Warm: the first database request opens the pool and loads the client, which can outlast health's 2 s ping.
    for (const route of routes) await expect.poll(async () => (await request(route.path)).status, { timeout: 30_000 }).toBe(route.normal);
    relay.latencyMs = 300;

    const t0 = performance.now();
    const outcomes: Outcome[] = [];
    let signalled = false;
    const workers = Array.from({ length: 6 }, async (_, worker) => {
      for (let i = worker; !signalled; i++) {
        const route = routes[i % routes.length]!;
        const started = performance.now() - t0;
        const answer = await request(route.path);
        outcomes.push({ ...route, started, ended: performance.now() - t0, ...answer });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    signalled = true; // no request starts after this
    const signalAt = performance.now() - t0;
    server.process.kill("SIGTERM");
    await Promise.all(workers);
    expect(await server.exited).toBe(143);

    const inFlight = outcomes.filter((o) => o.started < signalAt - 100 && o.ended > signalAt);
    // Every request sent while the server was listening (100 ms before the signal, so it had taken it) got its
    // normal answer. Only a connection opened in the signal's last instant may be refused, and never answered wrongly.
    const taken = outcomes.filter((o) => o.started < signalAt - 100);
    test.info().annotations.push({
      type: "load at SIGTERM",
      description: `${taken.length} requests before it, ${inFlight.length} in flight, ${outcomes.length - taken.length} in its last 100 ms`,
    });
    expect(taken.length).toBeGreaterThanOrEqual(6);
    expect(taken.filter((o) => o.status !== o.normal)).toEqual([]);
    for (const late of outcomes.filter((o) => o.started >= signalAt - 100)) {
      if (late.status !== undefined) expect(late.status, late.path).toBe(late.normal);
      else expect(late.error).toMatch(/^(ECONNREFUSED|ECONNRESET)$/);
    }
    // The signal landed under load: several requests were inside the server, waiting on the database.
    expect(inFlight.length).toBeGreaterThanOrEqual(2);
    const output = server.output();
    expect(output).toContain("shutdown: database closed");
    expect(output).not.toMatch(/"level":50|route handler failed/);
  } finally {
    if (server.process.exitCode === null) server.process.kill("SIGKILL");
    await relay.stop();
  }
});
