import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/zod";
import { hasFaultDatabase, load, NO_DATABASE_MESSAGE, openFaultApp, sleep, type Answer, type FaultApp } from "../../helpers/fault-app";

// PostgreSQL goes away under load, in the three ways a network fails (connections reset, refused, silently
// dropped), and comes back: /api/v1 answers 503 database_unavailable with Retry-After, fast, never a 500 or a
// hang; every create answered 201 is in the database afterwards; the app serves again without a restart.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "FaultTest/1.0" }) }));

const POOL_TIMEOUT_MS = 1_500;
if (!hasFaultDatabase) console.warn(`tests/lib/faults/connection-cut.test.ts: ${NO_DATABASE_MESSAGE}`);

describe.skipIf(!hasFaultDatabase)("the database connection cut under load", () => {
  let app: FaultApp;
  beforeAll(async () => {
    app = await openFaultApp({ DB_POOL_MAX: "4", DB_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS), DB_STATEMENT_TIMEOUT_MS: "5000" });
  });
  afterAll(async () => app?.close());

  it("answers 503 fast while it is down, loses no acknowledged write, and recovers by itself", async () => {
    // Warm: the first calls load the router's modules, which takes longer than a phase.
    expect((await app.call("GET", "/projects")).status).toBe(200);
    expect((await app.call("POST", "/projects", { name: "warm-up" })).status).toBe(201);
    // A little latency keeps requests in flight, so the cuts land mid-query.
    app.relay.latencyMs = 15;
    let stopped = false;
    const step = (worker: number, i: number): Promise<Answer> =>
      (worker + i) % 2 ? app.call("GET", "/projects") : app.call("POST", "/projects", { name: `cut-${worker}-${i}` });
    const t0 = performance.now();
    const running = load(6, step, () => stopped, t0);
    const events: Record<string, number> = {};
    const mark = (name: string) => (events[name] = performance.now() - t0);

    await sleep(1_000);
    mark("refuse");
    await app.relay.refuse(); // open connections reset, new ones refused
    await sleep(1_200);
    mark("restart");
    await app.relay.start();
    await sleep(1_500);
    mark("cut");
    app.relay.cut(); // open connections reset; new ones go through
    await sleep(1_500);
    mark("silence");
    app.relay.silence(); // new connections accepted, never answered
    await sleep(POOL_TIMEOUT_MS + 1_000);
    mark("back");
    await app.relay.start();
    await sleep(1_500);
    stopped = true;
    const answers = await running;
    app.relay.latencyMs = 0;

    // A request belongs to a phase when it ran wholly inside it; `settle` lets the pool notice a reset connection.
    const settle = 150;
    const within = (from: number, to: number) =>
      answers.filter(({ at, answer }) => at >= from && at + answer.ms <= to).map(({ answer }) => answer);
    const statuses = (list: Answer[]) => [...new Set(list.map((a) => a.status))].sort();
    /** "ok" when every answer in the list is a success (and there is one at least), else what else came. */
    const verdict = (list: Answer[]) =>
      list.length === 0 ? "no answers" : statuses(list.filter((a) => a.status !== 200 && a.status !== 201)).join() || "ok";
    const all = answers.map(({ answer }) => answer);

    // Never a 500, never anything but success or the one problem.
    expect(statuses(all).filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    for (const answer of all.filter((a) => a.status === 503)) {
      expect(answer).toMatchObject({ code: "database_unavailable", retryAfter: "5", contentType: "application/problem+json" });
    }
    // Up: everything succeeds.
    expect(verdict(within(0, events.refuse!))).toBe("ok");
    // Reset mid-query: requests in flight then fail as 503 …
    const inFlight = (t: number) => answers.filter(({ at, answer }) => at < t && at + answer.ms > t).map(({ answer }) => answer);
    expect(inFlight(events.refuse!).some((a) => a.status === 503)).toBe(true);
    // … and refused connections answer 503 at once, well inside the pool's timeout.
    const refused = within(events.refuse!, events.restart!);
    expect(refused.length).toBeGreaterThan(10);
    expect(statuses(refused)).toEqual([503]);
    expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(1_000);
    // Back without a restart; a cut of open connections spares the requests that start after it.
    expect(verdict(within(events.restart! + settle, events.cut!))).toBe("ok");
    expect(inFlight(events.cut!).some((a) => a.status === 503)).toBe(true);
    expect(verdict(within(events.cut! + settle, events.silence!))).toBe("ok");
    // A silent network is bounded by the pool's connect timeout, not by the client's patience.
    const silent = answers.filter(({ at }) => at >= events.silence! + settle && at < events.back! - settle).map(({ answer }) => answer);
    expect(statuses(silent)).toEqual([503]);
    expect(Math.max(...silent.map((a) => a.ms))).toBeLessThan(POOL_TIMEOUT_MS + 1_000);
    const back = answers.filter(({ at }) => at >= events.back! + settle).map(({ answer }) => answer);
    expect(back.length).toBeGreaterThan(10);
    expect(verdict(back)).toBe("ok");

    // Every create answered 201 is there.
    const created = answers.flatMap(({ answer }) => (answer.id ? [answer.id] : []));
    expect(created.length).toBeGreaterThan(10);
    const existing = await app.existing(created);
    expect(created.filter((id) => !existing.has(id))).toEqual([]);
  }, 30_000);

  it("turns a database failure in a server action into a 503 refusal the form shows, not an error page", async () => {
    const [{ validatedAction }, { db }, { done }] = await Promise.all([
      import("@/lib/http/action"),
      import("@/lib/db"),
      import("@/lib/outcome"),
    ]);
    const countUsers = validatedAction(z.object({}), async () => done(await db.user.count()));
    await app.relay.refuse();
    const started = performance.now();
    expect(await countUsers({})).toMatchObject({ ok: false, status: 503, code: "database_unavailable", retryAfterSeconds: 5 });
    expect(performance.now() - started).toBeLessThan(1_000);
    await app.relay.start();
    await sleep(150); // the pool notices the connections the outage reset
    expect(await countUsers({})).toMatchObject({ ok: true });
  });
});
