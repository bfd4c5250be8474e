// Performance figures against a production server: `npm run build && npm run bench`.
// Starts `next start` on its own embedded database (or BENCH_DATABASE_URL), then measures idle RSS,
// first-load JavaScript of the landing page (gzip, as a first visit downloads it) and, with autocannon,
// throughput and latency percentiles of the main endpoints. Loopback only; every run is bounded in time.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { benchServerEnv } from "./bench-env.mjs";
import { budgetReport } from "./page-budgets.mjs";

const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "pglite:.data/bench";

const env = benchServerEnv(databaseUrl);

if (databaseUrl.startsWith("pglite:")) rmSync(databaseUrl.slice(7), { recursive: true, force: true });
// Seeded as development so the demo accounts exist for the sign-in benchmark (the server runs production).
const migrated = spawnSync("npm", ["run", "db:setup", "--silent", "--", "--demo"], {
  env: { ...env, NODE_ENV: "development" },
  stdio: "ignore",
});
if (migrated.status !== 0) throw new Error("db:setup failed");

const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "ignore" });
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

async function waitUntilLive() {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${base}/api/health/live`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not start");
}

/** RSS of the next-server process (the child of `next start`), in MB. */
function rssMb() {
  const children = spawnSync("pgrep", ["-P", String(server.pid)], { encoding: "utf8" })
    .stdout.trim()
    .split("\n")
    .filter(Boolean);
  const pid = children[0] ?? String(server.pid);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function firstLoad(route) {
  const html = await (await fetch(`${base}${route}`)).text();
  // Modern browsers skip noModule (legacy polyfill) scripts, so they are not part of a first load.
  const assets = [
    ...html.matchAll(/<(?:script(?![^>]*noModule)[^>]*src|link[^>]*rel="stylesheet"[^>]*href)="(\/_next\/static\/[^"]+)"/g),
  ].map((m) => m[1]);
  let js = 0;
  let css = 0;
  for (const asset of new Set(assets)) {
    const file = path.join(".next", "static", asset.replace("/_next/static/", "").split("?")[0]);
    const size = gzipSync(readFileSync(file)).length;
    if (file.endsWith(".css")) css += size;
    else js += size;
  }
  return { js: (js / 1024).toFixed(1), css: (css / 1024).toFixed(1) };
}

function load(url) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

await waitUntilLive();
await fetch(`${base}/api/health`); // open the database before timing anything
await fetch(`${base}/`);
await new Promise((resolve) => setTimeout(resolve, 2000));
const idle = rssMb();
const landing = await firstLoad("/");

console.log(
  `database: ${databaseUrl.startsWith("pglite:") ? "PGlite (embedded)" : "PostgreSQL"}; ${connections} connections, ${seconds} s each`,
);
console.log(`idle RSS of next-server: ${idle} MB`);
console.log(`first-load of /: JS ${landing.js} KB gzip, CSS ${landing.css} KB gzip (as served)`);
const budgets = budgetReport();
console.log(`first-load of the key pages (from the build; npm run budgets):\n${budgets.lines.join("\n")}`);
for (const line of budgets.over) console.log(`OVER BUDGET ${line}`);
console.log("endpoint              req/s    p50 ms   p99 ms   errors");
for (const route of ["/api/health/live", "/api/health", "/", "/status"]) {
  const result = await load(`${base}${route}`);
  const errors = result.errors + result.non2xx;
  console.log(
    `${route.padEnd(20)} ${String(Math.round(result.requests.average)).padStart(6)} ${String(result.latency.p50).padStart(9)} ${String(result.latency.p99).padStart(8)} ${String(errors).padStart(8)}`,
  );
}
console.log(`RSS after load: ${rssMb()} MB`);

// Sign-in under load: LOGIN_CONCURRENCY browsers signing in at once (each through Auth.js's CSRF + callback
// round trip, with a distinct client address so per-address limits stay out of the way), while one client
// polls /api/health. bcrypt runs on libuv's thread pool, so health should stay fast.
const loginConcurrency = Number(process.env.LOGIN_CONCURRENCY ?? 10);
const loginSeconds = Number(process.env.LOGIN_SECONDS ?? 15);
const percentile = (values, p) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function signInOnce(n) {
  const headers = { "x-forwarded-for": `198.18.${(n >> 8) & 255}.${n & 255}` };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = await csrf.json();
  const started = performance.now();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email: "demo@example.com", password: "paper boats drift at noon", rememberMe: "false" }),
  });
  const ok = (response.headers.getSetCookie?.() ?? []).some((c) => c.startsWith("session="));
  return { ms: performance.now() - started, ok };
}

const loginTimes = [];
let loginFailures = 0;
let counter = 0;
const deadline = Date.now() + loginSeconds * 1000;
const health = new Promise((resolve, reject) =>
  autocannon({ url: `${base}/api/health`, connections: 1, duration: loginSeconds }, (error, result) =>
    error ? reject(error) : resolve(result),
  ),
);
await Promise.all(
  Array.from({ length: loginConcurrency }, async () => {
    while (Date.now() < deadline) {
      const { ms, ok } = await signInOnce(counter++);
      if (ok) loginTimes.push(ms);
      else loginFailures++;
    }
  }),
);
const healthResult = await health;
console.log(
  `sign-in, ${loginConcurrency} at once for ${loginSeconds} s: ${loginTimes.length} ok, ${loginFailures} failed; p50 ${Math.round(percentile(loginTimes, 50))} ms, p99 ${Math.round(percentile(loginTimes, 99))} ms`,
);
console.log(
  `GET /api/health meanwhile: p50 ${healthResult.latency.p50} ms, p99 ${healthResult.latency.p99} ms, ${healthResult.non2xx + healthResult.errors} errors`,
);
stop();
