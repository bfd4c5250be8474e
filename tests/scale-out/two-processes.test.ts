import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { generate } from "otplib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  deploymentEnv,
  runScript,
  startFront,
  startMailStandIn,
  startServerProcess,
  stopServerProcess,
  waitUntilLive,
  type Front,
  type MailStandIn,
  type ServerProcess,
} from "./cluster";

// Issue 14, item 2: what one process guarantees still holds with two. Two production processes share one PostgreSQL
// database behind a round-robin front; every check below fails if the state it needs lives in a process's memory.
// Needs a production build (`npm run build`) and an empty database: SCALE_OUT_DATABASE_URL=postgres://…

const databaseUrl = process.env.SCALE_OUT_DATABASE_URL ?? "";
const frontPort = Number(process.env.SCALE_OUT_PORT ?? 3173);
const demo = { email: "demo@example.com", password: "paper boats drift at noon" };
const manager = { email: "manager@example.com", password: "seven copper kettles hum softly" };
/** The key Prisma's schema engine takes pg_advisory_lock on for a whole migration run. */
const PRISMA_MIGRATION_LOCK = 72707369;

let sql: pg.Client;
let mail: MailStandIn;
let env: NodeJS.ProcessEnv;
let migrateRuns: { code: number | null; output: string }[];
let a: ServerProcess;
let b: ServerProcess;
let front: Front;

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

async function waitingOnMigrationLock(): Promise<number> {
  const { rows } = await sql.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid::bigint = $1 AND NOT l.granted AND d.datname = current_database()`,
    [PRISMA_MIGRATION_LOCK],
  );
  return rows[0]!.waiting;
}

/**
 * `db:migrate` twice, truly at once: both start while this test holds Prisma's migration lock, and it lets go only when
 * both are waiting on it, so neither can have finished before the other began. (Were there no lock, both would run
 * through unhindered, and the checks below would see what two migrators at once do.)
 */
async function migrateTwiceAtOnce() {
  await sql.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATION_LOCK]);
  let finished = 0;
  const runs = [1, 2].map(() => runScript(["scripts/db.ts", "migrate"], env).finally(() => finished++));
  try {
    await waitFor(async () => finished === 2 || (await waitingOnMigrationLock()) === 2, "both migrators to wait on the migration lock");
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATION_LOCK]);
  }
  return Promise.all(runs);
}

const tokenOf = (answer: { status: number; body: Record<string, unknown> }) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.access_token as string;
};

/** A program's sign-in (POST /api/v1/auth/token): an API session row and its access token. */
const signInProgram = async (base: string, ip: string, extra: Record<string, string> = {}) =>
  tokenOf(await call(base, "POST", "/api/v1/auth/token", { ip, body: { ...demo, ...extra } }));

/** The browser's sign-in (Auth.js credentials: csrf cookie and token, then the form post): the web session's cookie. */
async function signInWeb(base: string, ip: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const pairs = (cookies: string[]) => cookies.map((cookie) => cookie.split(";")[0]!);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "x-forwarded-for": ip,
      cookie: pairs(csrf.headers.getSetCookie()).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ csrfToken, email: demo.email, password: demo.password }),
  });
  const session = pairs(response.headers.getSetCookie()).find((pair) => pair.startsWith("session="));
  expect(session, `no session cookie: ${response.status} ${response.headers.get("location")}`).toBeDefined();
  return session!;
}

describe("two server processes on one PostgreSQL database, behind a round-robin front", () => {
  beforeAll(async () => {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error("Set SCALE_OUT_DATABASE_URL to an empty PostgreSQL database.");
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    const { rows } = await sql.query<{ history: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS history`);
    if (rows[0]!.history) throw new Error("SCALE_OUT_DATABASE_URL must name an empty database: the migration race starts from nothing.");
    mail = await startMailStandIn();
    env = deploymentEnv(databaseUrl, `http://127.0.0.1:${frontPort}`, mail.base);
    migrateRuns = await migrateTwiceAtOnce();
    const seeded = await runScript(["scripts/db.ts", "seed", "--demo"], { ...env, NODE_ENV: "development" });
    expect(seeded.code, seeded.output).toBe(0);
    a = startServerProcess("a", frontPort + 1, env);
    b = startServerProcess("b", frontPort + 2, env);
    await Promise.all([waitUntilLive(a), waitUntilLive(b)]);
    front = await startFront(frontPort, [a, b]);
  }, 180_000);

  afterAll(async () => {
    await front?.close();
    await Promise.all([a, b].filter(Boolean).map(stopServerProcess));
    await mail?.close();
    await sql?.end();
  });

  it("applies migrations once when two migrators start at the same moment (Prisma's advisory lock)", async () => {
    expect(
      migrateRuns.map((run) => run.code),
      migrateRuns.map((run) => run.output).join("\n"),
    ).toEqual([0, 0]);
    expect(migrateRuns.filter((run) => run.output.includes("Applied "))).toHaveLength(1);
    expect(migrateRuns.filter((run) => run.output.includes("is up to date"))).toHaveLength(1);
    const folder = path.join("prisma", "migrations");
    const expected = readdirSync(folder)
      .filter((name) => statSync(path.join(folder, name)).isDirectory())
      .sort();
    const { rows } = await sql.query(
      `SELECT migration_name AS name, count(*)::int AS runs, bool_and(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished
       FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual(expected.map((name) => ({ name, runs: 1, finished: true })));
  });

  it("counts an API caller's rate limit across both processes", async () => {
    const ip = "10.73.0.2";
    const token = await signInProgram(front.base, ip);
    const answers = [];
    for (let i = 0; i < 13; i++) answers.push(await call(front.base, "GET", "/api/v1/me", { bearer: token, ip }));
    expect(new Set(answers.map((answer) => answer.servedBy))).toEqual(new Set(["a", "b"]));
    // One window of 12 for the caller, whichever process answers: 11 left, 10 left … then refused.
    expect(answers.map((answer) => answer.headers.get("ratelimit-remaining"))).toEqual([
      ...Array.from({ length: 12 }, (_, i) => String(11 - i)),
      "0",
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(12).fill(200), 429]);
    for (const server of [a, b]) expect((await call(server.base, "GET", "/api/v1/me", { bearer: token, ip })).status).toBe(429);
  });

  it("locks sign-in after five wrong passwords spread over both processes, on both", async () => {
    const ip = "10.73.0.3";
    const unknown = `nobody-${randomBytes(4).toString("hex")}@example.com`;
    for (const email of [manager.email, unknown]) {
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push(await call(front.base, "POST", "/api/v1/auth/token", { ip, body: { email, password: "not the password, sorry" } }));
      expect(new Set(answers.map((answer) => answer.servedBy))).toEqual(new Set(["a", "b"]));
      expect(answers.map((answer) => answer.body.code)).toEqual([...Array<string>(4).fill("invalid_credentials"), "account_locked"]);
    }
    // The right password is refused too, by each process.
    for (const server of [a, b]) {
      const answer = await call(server.base, "POST", "/api/v1/auth/token", { ip, body: manager });
      expect([answer.status, answer.body.code]).toEqual([429, "account_locked"]);
    }
  });

  it("ends on the other process at once a session revoked on one (web and API sessions)", async () => {
    const ip = "10.73.0.4";
    const cookie = await signInWeb(front.base, ip);
    const program = await signInProgram(front.base, ip);
    const manage = await signInProgram(front.base, ip);
    for (const server of [a, b]) {
      expect((await call(server.base, "GET", "/api/v1/me", { cookie, ip })).status).toBe(200);
      expect((await call(server.base, "GET", "/account", { cookie, ip })).status).toBe(200);
      expect((await call(server.base, "GET", "/api/v1/me", { bearer: program, ip })).status).toBe(200);
    }
    // On process a: the web session is signed out from another session (as /account does), the program signs out.
    const { body } = await call(a.base, "GET", "/api/v1/me/sessions", { bearer: manage, ip });
    const web = (body.sessions as { id: string; kind: string }[]).find((session) => session.kind === "WEB")!;
    expect((await call(a.base, "DELETE", `/api/v1/me/sessions/${web.id}`, { bearer: manage, ip })).status).toBe(204);
    expect((await call(a.base, "POST", "/api/v1/auth/logout", { bearer: program, ip, body: {} })).status).toBe(204);
    // On process b, both are dead; the session that did it is not.
    expect((await call(b.base, "GET", "/api/v1/me", { cookie, ip })).status).toBe(401);
    const page = await call(b.base, "GET", "/account", { cookie, ip });
    expect([page.status, page.headers.get("location")]).toEqual([307, expect.stringMatching(/\/login/)]);
    expect((await call(b.base, "GET", "/api/v1/me", { bearer: program, ip })).status).toBe(401);
    expect((await call(b.base, "GET", "/api/v1/me", { bearer: manage, ip })).status).toBe(200);
  });

  it("refuses on one process a TOTP code already used on the other (replay protection in the database)", async () => {
    const ip = "10.73.0.5";
    const token = await signInProgram(front.base, ip);
    const enrol = await call(front.base, "POST", "/api/v1/me/two-factor", { bearer: token, ip, body: { currentPassword: demo.password } });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
    const secret = enrol.body.secret as string;
    const step = Math.floor(Date.now() / 30_000);
    const code = (at: number) => generate({ secret, epoch: at * 30 + 1 });
    const confirm = await call(front.base, "POST", "/api/v1/me/two-factor/confirm", {
      bearer: token,
      ip,
      body: { code: await code(step) },
    });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    // The next step's code (inside the one-step tolerance) is fresh: accepted once, on a…
    const next = await code(step + 1);
    tokenOf(await call(a.base, "POST", "/api/v1/auth/token", { ip, body: { ...demo, code: next } }));
    // …and refused on b, which never saw it.
    const replay = await call(b.base, "POST", "/api/v1/auth/token", { ip, body: { ...demo, code: next } });
    expect([replay.status, replay.body.code]).toEqual([401, "two_factor_code_invalid"]);
  });

  it("claims each outbox message once while both processes drain the queue", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `scaleout${randomBytes(6).toString("hex")}${i}`);
    // Queued two minutes ago and never delivered, as a crash leaves them: what the retry loop and the cron drain pick up.
    await sql.query(
      `INSERT INTO "EmailMessage" (id, "to", subject, html, text, template, "createdAt", "updatedAt")
       SELECT id, 'outbox-' || id || '@example.com', 'Scale-out', '<p>hi</p>', 'hi', 'scale-out',
         (now() AT TIME ZONE 'UTC') - interval '2 minutes', now() AT TIME ZONE 'UTC'
       FROM unnest($1::text[]) AS id`,
      [ids],
    );
    const delivered = { a: 0, b: 0 };
    const pending = async () =>
      (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "EmailMessage" WHERE id = ANY($1) AND status <> 'SENT'`, [ids]))
        .rows[0]!.n;
    for (let round = 0; round < 5 && (await pending()) > 0; round++) {
      const drains = await Promise.all(
        [a, b].map((server) => call(server.base, "GET", "/api/cron/email", { ip: "10.73.0.6", bearer: env.CRON_SECRET })),
      );
      drains.forEach((drain, i) => {
        expect(drain.status).toBe(200);
        delivered[i === 0 ? "a" : "b"] += drain.body.delivered as number;
      });
    }
    expect(await pending()).toBe(0);
    // Both processes delivered, and the provider was asked once per message.
    expect(delivered.a).toBeGreaterThan(0);
    expect(delivered.b).toBeGreaterThan(0);
    expect(ids.filter((id) => mail.requestsByKey.get(`email/${id}`) !== 1)).toEqual([]);
  });
});
