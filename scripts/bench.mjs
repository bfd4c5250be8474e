// Performance figures against a production build: `npm run build && npm run bench`.
// Starts the production entry (server.mjs) on its own embedded database (or BENCH_DATABASE_URL), then measures
// idle RSS a minute after start (no request but liveness polls), first-load JavaScript of the landing page
// (gzip), throughput and latency with autocannon, sign-ins per second, and RSS after load. Loopback only;
// every run is bounded in time.
//
// Comparisons run in the same process, interleaved round by round (the machine is shared: a neighbour's build
// slows whichever endpoint runs meanwhile), and report the median of BENCH_ROUNDS rounds with their spread:
//   /api/health/live against /api/health/bare, a route handler with nothing of the app around it (it answers
//   only where BENCH_BARE_ROUTE=1): what the shell costs a request;
//   with BENCH_BASELINE=<directory or commit>, /login and a signed-in /account against that build of the app
//   (a directory holding a built checkout, or a commit this script exports, links node_modules into and builds);
//   with BENCH_PEER=<base URL> (another app's production server, started by you), its sign-in page and, given
//   BENCH_PEER_COOKIE=<a signed-in Cookie header>, its first signed-in page, against /login and /account. The
//   paths are BENCH_PEER_SIGN_IN (/sign-in) and BENCH_PEER_SIGNED_IN (/dashboard): nextjs/saas-starter's.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { benchServerEnv } from "./bench-env.mjs";
import { budgetReport } from "./page-budgets.mjs";

const port = Number(process.env.BENCH_PORT ?? 3300);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "pglite:.data/bench";
const DEMO = { email: "demo@example.com", password: "paper boats drift at noon" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

/** A built checkout of another commit: BENCH_BASELINE names its directory, or a commit to export and build. */
function baselineDirectory(spec) {
  if (existsSync(path.join(spec, ".next", "BUILD_ID"))) return path.resolve(spec);
  const dir = path.resolve(".data", `baseline-${spec}`);
  if (existsSync(path.join(dir, ".next", "BUILD_ID"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("sh", ["-c", `git archive ${JSON.stringify(spec)} | tar -x -C ${JSON.stringify(dir)}`], { stdio: "inherit" });
  if (archive.status !== 0) throw new Error(`cannot export ${spec}`);
  // Hard links: Turbopack refuses a node_modules outside the project, and a copy would take minutes.
  spawnSync("cp", ["-al", "node_modules", path.join(dir, "node_modules")], { stdio: "inherit" });
  // Its own Prisma client: the schema may differ from this checkout's.
  if (spawnSync("node", ["scripts/prisma-generate.mjs"], { cwd: dir, stdio: "ignore" }).status !== 0)
    throw new Error(`prisma generate of ${spec} failed`);
  console.log(`building ${spec} in ${dir} …`);
  if (spawnSync("npx", ["next", "build"], { cwd: dir, stdio: "ignore" }).status !== 0) throw new Error(`next build of ${spec} failed`);
  return dir;
}

/** A production server of the build in `dir`, on its own freshly seeded database. */
function startServer(dir, serverPort, url) {
  const env = { ...benchServerEnv(url), PORT: String(serverPort), HOSTNAME: "127.0.0.1", BENCH_BARE_ROUTE: "1" };
  if (url.startsWith("pglite:")) rmSync(path.resolve(dir, url.slice(7)), { recursive: true, force: true });
  // Seeded as development so the demo accounts exist for the sign-in benchmark (the server runs production).
  const seeded = spawnSync("npm", ["run", "db:setup", "--silent", "--", "--demo"], {
    cwd: dir,
    env: { ...env, NODE_ENV: "development" },
    stdio: "ignore",
  });
  if (seeded.status !== 0) throw new Error(`db:setup failed in ${dir}`);
  const child = spawn("node", ["server.mjs"], { cwd: dir, env, stdio: "ignore" });
  process.on("exit", () => child.kill("SIGTERM"));
  return { dir, base: `http://127.0.0.1:${serverPort}`, child };
}

async function waitUntilLive({ base }) {
  for (let i = 0; i < 300; i++) {
    const response = await fetch(`${base}/api/health/live`).catch(() => null);
    if (response?.ok) return;
    await sleep(200);
  }
  throw new Error(`server at ${base} did not start`);
}

/** Resident memory of a server process, in MB. */
function rssMb({ child }) {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function firstLoad({ base, dir }, route) {
  const html = await (await fetch(`${base}${route}`)).text();
  // Modern browsers skip noModule (legacy polyfill) scripts, so they are not part of a first load.
  const assets = [
    ...html.matchAll(/<(?:script(?![^>]*noModule)[^>]*src|link[^>]*rel="stylesheet"[^>]*href)="(\/_next\/static\/[^"]+)"/g),
  ].map((m) => m[1]);
  let js = 0;
  let css = 0;
  for (const asset of new Set(assets)) {
    const file = path.join(dir, ".next", "static", asset.replace("/_next/static/", "").split("?")[0]);
    const size = gzipSync(readFileSync(file)).length;
    if (file.endsWith(".css")) css += size;
    else js += size;
  }
  return { js: (js / 1024).toFixed(1), css: (css / 1024).toFixed(1) };
}

function load(url, { headers, duration = seconds } = {}) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections, duration, headers }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** A browser's Auth.js CSRF pair (cookie and token), fetched once and reused as a browser does. */
async function csrfPair({ base }, headers) {
  const response = await fetch(`${base}/api/auth/csrf`, { headers });
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  return { cookie, csrfToken: (await response.json()).csrfToken };
}

/** One sign-in through Auth.js's credentials callback; the session cookie on success, otherwise null. */
async function signIn(server, headers, csrf) {
  const response = await fetch(`${server.base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, ...DEMO, rememberMe: "false" }),
  });
  const session = (response.headers.getSetCookie?.() ?? []).find((c) => c.startsWith("session="));
  return session ? session.split(";")[0] : null;
}

const current = startServer(process.cwd(), port, databaseUrl);
const baseline = process.env.BENCH_BASELINE
  ? startServer(baselineDirectory(process.env.BENCH_BASELINE), port + 1, "pglite:.data/bench")
  : null;
const servers = [current, baseline].filter(Boolean);
await Promise.all(servers.map(waitUntilLive));
const peer = process.env.BENCH_PEER
  ? {
      base: process.env.BENCH_PEER.replace(/\/$/, ""),
      signIn: process.env.BENCH_PEER_SIGN_IN ?? "/sign-in",
      signedIn: process.env.BENCH_PEER_SIGNED_IN ?? "/dashboard",
      cookie: process.env.BENCH_PEER_COOKIE,
    }
  : null;
if (peer) {
  const check = await fetch(`${peer.base}${peer.signedIn}`, { redirect: "manual", headers: { cookie: peer.cookie ?? "" } });
  if (peer.cookie && check.status !== 200) throw new Error(`the peer's ${peer.signedIn} answered ${check.status} with BENCH_PEER_COOKIE`);
}

// Idle: nothing but liveness polls for a minute, as an orchestrator would send.
const idleUntil = Date.now() + idleSeconds * 1000;
while (Date.now() < idleUntil) {
  await Promise.all(servers.map(({ base }) => fetch(`${base}/api/health/live`)));
  await sleep(5000);
}
const idle = servers.map(rssMb);
for (const server of servers) {
  await fetch(`${server.base}/api/health`); // open the database before timing anything
  await fetch(`${server.base}/`);
}
const landing = await firstLoad(current, "/");
const sessions = await Promise.all(
  servers.map(async (server) =>
    signIn(server, { "x-forwarded-for": "198.18.0.1" }, await csrfPair(server, { "x-forwarded-for": "198.18.0.1" })),
  ),
);

// A PostgreSQL database that already holds the demo accounts keeps passwords hashed under another run's pepper.
if (!sessions[0]) throw new Error("the demo account could not sign in: BENCH_DATABASE_URL must name an empty database");
console.log(
  `database: ${databaseUrl.startsWith("pglite:") ? "PGlite (embedded)" : "PostgreSQL"}; ${connections} connections, ${seconds} s each, ${rounds} interleaved rounds (median, min–max)`,
);
console.log(`idle RSS ${idleSeconds} s after start, no request but liveness: ${idle[0]} MB${baseline ? ` (baseline ${idle[1]} MB)` : ""}`);
console.log(`first-load of /: JS ${landing.js} KB gzip, CSS ${landing.css} KB gzip (as served)`);
const budgets = budgetReport();
console.log(`first-load of the key pages (from the build; npm run budgets):\n${budgets.lines.join("\n")}`);
for (const line of budgets.over) console.log(`OVER BUDGET ${line}`);

const cases = [
  { name: "/api/health/live", server: current, route: "/api/health/live" },
  { name: "/api/health/bare", server: current, route: "/api/health/bare" },
  { name: "/login", server: current, route: "/login" },
  baseline && { name: "/login (baseline)", server: baseline, route: "/login" },
  sessions[0] && { name: "/account signed in", server: current, route: "/account", cookie: sessions[0] },
  baseline && sessions[1] && { name: "/account (baseline)", server: baseline, route: "/account", cookie: sessions[1] },
  peer && { name: `${peer.signIn} (peer)`, server: peer, route: peer.signIn },
  peer?.cookie && { name: `${peer.signedIn} (peer)`, server: peer, route: peer.signedIn, cookie: peer.cookie },
].filter(Boolean);
const results = new Map(cases.map((c) => [c.name, []]));
for (let round = 0; round < rounds; round++) {
  for (const c of cases) {
    const result = await load(`${c.server.base}${c.route}`, { headers: c.cookie ? { cookie: c.cookie } : undefined });
    results
      .get(c.name)
      .push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx });
  }
}
const summary = (name) => {
  const runs = results.get(name);
  const rps = runs.map((r) => r.rps);
  return {
    rps: median(rps),
    min: Math.min(...rps),
    max: Math.max(...rps),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
};
console.log("endpoint               req/s (min–max)      p50 ms  p99 ms  errors");
for (const { name } of cases) {
  const s = summary(name);
  console.log(
    `${name.padEnd(22)} ${String(Math.round(s.rps)).padStart(5)} (${Math.round(s.min)}–${Math.round(s.max)})`.padEnd(43) +
      `${String(s.p50).padStart(6)} ${String(s.p99).padStart(7)} ${String(s.errors).padStart(7)}`,
  );
}
const ratio = (a, b) => (summary(a).rps / summary(b).rps).toFixed(2);
console.log(`shell overhead: /api/health/live at ${Math.round(100 * ratio("/api/health/live", "/api/health/bare"))} % of the bare route`);
if (baseline) console.log(`/login: ${ratio("/login", "/login (baseline)")}× the baseline's throughput`);
if (baseline && sessions[0] && sessions[1])
  console.log(`/account signed in: ${ratio("/account signed in", "/account (baseline)")}× the baseline's`);
if (peer) console.log(`/login: ${ratio("/login", `${peer.signIn} (peer)`)}× the peer's ${peer.signIn}`);
if (peer?.cookie && sessions[0])
  console.log(`/account signed in: ${ratio("/account signed in", `${peer.signedIn} (peer)`)}× the peer's ${peer.signedIn}`);
for (const server of servers) await load(`${server.base}/api/health`, { duration: 1 }); // settle before measuring
console.log(`RSS after load: ${rssMb(current)} MB`);

// Sign-in under load: LOGIN_CONCURRENCY browsers signing in over and over (each with its CSRF pair from one
// earlier visit, and a distinct client address per sign-in so per-address limits stay out of the way), while one client
// polls /api/health. bcrypt runs on worker threads, so health should stay fast.
const loginConcurrency = Number(process.env.LOGIN_CONCURRENCY ?? 10);
const loginSeconds = Number(process.env.LOGIN_SECONDS ?? 15);
const percentile = (values, p) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const browsers = await Promise.all(Array.from({ length: loginConcurrency }, () => csrfPair(current, {})));
let counter = 0;
const nextAddress = () => ({ "x-forwarded-for": `198.18.${(counter >> 8) & 255}.${counter++ & 255}` });
const loginTimes = [];
let loginFailures = 0;
const deadline = Date.now() + loginSeconds * 1000;
const health = load(`${current.base}/api/health`, { duration: loginSeconds });
const started = performance.now();
await Promise.all(
  browsers.map(async (csrf) => {
    while (Date.now() < deadline) {
      const t = performance.now();
      if (await signIn(current, nextAddress(), csrf)) loginTimes.push(performance.now() - t);
      else loginFailures++;
    }
  }),
);
const perSecond = loginTimes.length / ((performance.now() - started) / 1000);
const healthResult = await health;
console.log(
  `sign-in, ${loginConcurrency} at once for ${loginSeconds} s: ${loginTimes.length} ok, ${loginFailures} failed; ${perSecond.toFixed(1)}/s (${(perSecond / availableParallelism()).toFixed(1)} per core, ${availableParallelism()} cores); p50 ${Math.round(percentile(loginTimes, 50))} ms, p99 ${Math.round(percentile(loginTimes, 99))} ms`,
);
console.log(
  `GET /api/health meanwhile: p50 ${healthResult.latency.p50} ms, p99 ${healthResult.latency.p99} ms, ${healthResult.non2xx + healthResult.errors} errors`,
);

// Soak (BENCH_SOAK_SECONDS, e.g. 300): steady load on the anonymous pages and a signed-in one, then a minute's
// rest; memory should come back.
if (soakSeconds > 0) {
  const warm = rssMb(current);
  const soak = [
    ...["/", "/login", "/api/health/live"].map((route) => load(`${current.base}${route}`, { duration: soakSeconds })),
    sessions[0] && load(`${current.base}/account`, { duration: soakSeconds, headers: { cookie: sessions[0] } }),
  ];
  await Promise.all(soak);
  const peak = rssMb(current);
  await sleep(60_000);
  const rested = rssMb(current);
  console.log(
    `soak ${soakSeconds} s: RSS after warm-up ${warm} MB, at the end ${peak} MB, a minute later ${rested} MB (${Math.round((100 * (rested - warm)) / warm)} %)`,
  );
}
process.exit(0);
