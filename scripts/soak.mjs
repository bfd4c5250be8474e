// Mixed load on PostgreSQL for SOAK_SECONDS (default 600) against the production build:
//   npm run build && BENCH_DATABASE_URL=postgres://… npm run soak
// Pages (anonymous and signed in), sign-ins, record writes and reads through the API with an access JWT, and
// the admin users list, all at once, each at a few connections. Prints the server's RSS every SOAK_SAMPLE_SECONDS,
// then per route: requests, p50/p99 and errors. Exits 1 on any error or non-2xx answer, or when RSS a minute
// after the load is more than 20 % above its level after warm-up (issue 12's memory target).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { benchServerEnv } from "./bench-env.mjs";

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl?.startsWith("postgres")) throw new Error("set BENCH_DATABASE_URL to a PostgreSQL database the soak may fill");
const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const sampleSeconds = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30);
// The access JWT lives 15 minutes (lib/api-auth/jwt.ts), and autocannon sends one fixed header.
if (seconds > 840) throw new Error("SOAK_SECONDS at most 840: the API's access token would expire mid-run");
const port = Number(process.env.BENCH_PORT ?? 3303);
const base = `http://127.0.0.1:${port}`;
const DEMO = { email: "demo@example.com", password: "paper boats drift at noon" };
const env = {
  ...benchServerEnv(databaseUrl),
  // Fixed: the demo accounts stay in this database between runs and must still verify.
  PASSWORD_PEPPER: "bench-only-pepper-not-a-real-secret-0123456789",
  // One caller at tens of requests a second: lift the per-caller API limit.
  API_RATE_LIMIT_PER_MINUTE: "1000000",
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const run = (args) => {
  const result = spawnSync("npx", args, { env: { ...env, NODE_ENV: "development" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
};
run(["tsx", "--conditions=react-server", "scripts/db.ts", "setup", "--demo"]);
// The manager's session for the admin list, made in the database (its two-factor cannot be typed by a load generator).
run(["tsx", "--conditions=react-server", "scripts/bench-admin-session.ts"]);

const server = spawn("node", ["server.mjs"], { env, stdio: "ignore" });
process.on("exit", () => server.kill("SIGTERM"));
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/api/health/live`).catch(() => null))?.ok) break;
  if (i > 150) throw new Error("server did not start");
  await sleep(200);
}
const rssMb = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))[1]) / 1024);

let address = 0;
const nextAddress = () => `198.18.${(address >> 8) & 255}.${address++ & 255}`;
/** One sign-in through the form's endpoint; the session cookie, or null. */
async function signIn() {
  const forwarded = { "x-forwarded-for": nextAddress() };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: forwarded });
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...forwarded, cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...DEMO, rememberMe: "false" }),
  });
  return (
    response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("session=")) ?? null
  );
}

const member = await signIn();
if (!member) throw new Error("the demo member could not sign in");
const issued = await fetch(`${base}/api/v1/auth/token`, {
  method: "POST",
  headers: { "content-type": "application/json", "x-forwarded-for": nextAddress() },
  body: JSON.stringify(DEMO),
});
if (issued.status !== 200) throw new Error(`program sign-in answered ${issued.status}`);
const bearer = { authorization: `Bearer ${(await issued.json()).access_token}` };
const { userId, secret } = JSON.parse(readFileSync(".data/bench-admin-session", "utf8"));
const manager = `session=${await encode({ token: { sub: userId, sid: secret }, secret: env.AUTH_SECRET, salt: "session" })}`;

const routes = [
  { name: "GET / (anonymous)", path: "/" },
  { name: "GET /login (anonymous)", path: "/login" },
  { name: "GET /account", path: "/account", headers: { cookie: member } },
  { name: "GET /projects", path: "/projects", headers: { cookie: member } },
  { name: "GET /admin/users search", path: "/admin/users?q=demo&status=active", headers: { cookie: manager } },
  { name: "GET /api/v1/projects", path: "/api/v1/projects", headers: bearer },
  {
    name: "POST /api/v1/projects",
    path: "/api/v1/projects",
    method: "POST",
    headers: { ...bearer, "content-type": "application/json" },
    body: JSON.stringify({ name: "Soak project", description: "Written by scripts/soak.mjs" }),
  },
];
for (const route of routes) {
  const check = await fetch(`${base}${route.path}`, { method: route.method, headers: route.headers, body: route.body });
  if (!check.ok) throw new Error(`${route.name} answered ${check.status} before the soak`);
}

// Warm-up, then the level memory is held to.
await Promise.all(routes.map((route) => load(route, 20)));
const warm = rssMb();
console.log(`PostgreSQL, ${seconds} s of mixed load, 2 connections per route; RSS after warm-up ${warm} MB`);

function load(route, duration) {
  const { path, ...options } = route;
  return new Promise((resolve, reject) =>
    autocannon({ url: `${base}${path}`, connections: 2, duration, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

const started = Date.now();
const deadline = started + seconds * 1000;
const samples = [];
const sampler = setInterval(() => samples.push([Math.round((Date.now() - started) / 1000), rssMb()]), sampleSeconds * 1000);
// Sign-ins alongside: one browser at a time, over and over, each from a new address.
const signIns = (async () => {
  const times = [];
  let failed = 0;
  while (Date.now() < deadline) {
    const t = performance.now();
    if (await signIn()) times.push(performance.now() - t);
    else failed++;
  }
  return { times, failed };
})();
const results = await Promise.all(routes.map((route) => load(route, seconds)));
const { times, failed } = await signIns;
clearInterval(sampler);
const peak = rssMb();
await sleep(60_000);
const rested = rssMb();

console.log(`RSS over time (s: MB): ${samples.map(([t, mb]) => `${t}: ${mb}`).join(", ")}`);
console.log(`RSS at the end ${peak} MB, a minute later ${rested} MB (${Math.round((100 * (rested - warm)) / warm)} % against warm-up)`);
console.log("route                        requests   req/s   p50 ms   p99 ms   errors");
let errors = failed;
results.forEach((result, i) => {
  const bad = result.errors + result.non2xx;
  errors += bad;
  console.log(
    `${routes[i].name.padEnd(28)} ${String(result.requests.total).padStart(8)} ${String(Math.round(result.requests.average)).padStart(7)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)} ${String(bad).padStart(8)}`,
  );
});
times.sort((a, b) => a - b);
console.log(
  `${"sign-in (form post)".padEnd(28)} ${String(times.length).padStart(8)} ${(times.length / seconds).toFixed(1).padStart(7)} ${String(Math.round(times[Math.floor(times.length / 2)] ?? 0)).padStart(8)} ${String(Math.round(times[Math.floor(times.length * 0.99)] ?? 0)).padStart(8)} ${String(failed).padStart(8)}`,
);
const grew = rested > warm * 1.2;
if (errors > 0 || grew) {
  console.error(`soak failed: ${errors} errors${grew ? `; RSS ${rested} MB is over 120 % of ${warm} MB` : ""}`);
  process.exit(1);
}
process.exit(0);
