// The records engine under load, on PostgreSQL with 100,000 projects:
//   npm run build && BENCH_DATABASE_URL=postgres://… npm run bench:records
// Seeds the demo accounts and the projects (scripts/bench-projects.ts), starts the production server
// (server.mjs), signs in as the demo member (2,000 own projects) and as a reader holding projects:read_all (all
// 100,000), and measures the list endpoint and page at 1 and 10 connections next to /api/health/live on the same
// server in the same run, so the ratio does not depend on the machine.
//   BENCH_CASES=list-cookie,list-token,list-jwt,page   only these cases (health always runs: the ratios need it)
//   BENCH_JSON=<file>                                  also append each figure there as a JSON line, for medians
// On a shared machine, compare builds by running them interleaved (before, after, before, after…), never
// across runs hours apart.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { benchServerEnv } from "./bench-env.mjs";

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl?.startsWith("postgres")) throw new Error("set BENCH_DATABASE_URL to a PostgreSQL database you can fill");
const port = Number(process.env.BENCH_PORT ?? 3302);
const base = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const env = {
  ...benchServerEnv(databaseUrl),
  PASSWORD_PEPPER: "bench-only-pepper-not-a-real-secret-0123456789",
  PORT: String(port),
  // The benchmark is one caller at hundreds of requests a second: lift the per-caller API limit.
  API_RATE_LIMIT_PER_MINUTE: "1000000",
  HOSTNAME: "127.0.0.1",
};
const run = (args) => {
  const result = spawnSync("npx", args, { env: { ...env, NODE_ENV: "development" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
};
mkdirSync(".data", { recursive: true }); // bench-projects.ts writes the token there
run(["tsx", "--conditions=react-server", "scripts/db.ts", "setup", "--demo"]);
run(["tsx", "--conditions=react-server", "scripts/bench-projects.ts"]);

const server = spawn("node", ["server.mjs"], { env, stdio: "ignore" });
process.on("exit", () => server.kill("SIGTERM"));
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/api/health/live`).catch(() => null))?.ok) break;
  if (i > 150) throw new Error("server did not start");
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function signIn(email, password) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: csrfCookie,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}`,
    },
    body: new URLSearchParams({ csrfToken, email, password, rememberMe: "false" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("session="));
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}
const member = await signIn("demo@example.com", "paper boats drift at noon");
// Programs: the member's personal access token (from bench-projects.ts) and an access JWT from program sign-in.
const pat = `Bearer ${readFileSync(".data/bench-token", "utf8")}`;
const issued = await fetch(`${base}/api/v1/auth/token`, {
  method: "POST",
  headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.250" },
  body: JSON.stringify({ email: "demo@example.com", password: "paper boats drift at noon" }),
});
if (issued.status !== 200) throw new Error(`program sign-in answered ${issued.status}: ${await issued.text()}`);
const jwt = `Bearer ${(await issued.json()).access_token}`;
const reader = await signIn("reader@bench.invalid", "quiet harbour lamps at dusk");

const allCases = [
  ["health", "health/live (baseline)", "/api/health/live", null],
  ["list-cookie", "API list, member (2k own)", "/api/v1/projects", member],
  ["list-token", "API list, member, access token", "/api/v1/projects", { authorization: pat }],
  ["list-jwt", "API list, member, JWT", "/api/v1/projects", { authorization: jwt }],
  ["list-search", "API list, member, search + status", "/api/v1/projects?q=falcon&status=active,done", member],
  ["list-reader", "API list, reader (all 100k)", "/api/v1/projects", reader],
  ["list-reader-page50", "API list, reader, by name, page 50", "/api/v1/projects?sort=name&dir=asc&page=50", reader],
  ["list-reader-search", "API list, reader, search 'ember 12'", "/api/v1/projects?q=ember+12", reader],
  ["get-one", "API get one, member", "/api/v1/projects/bench1", member],
  ["page", "page /projects, member", "/projects", member],
  ["page-reader", "page /projects, reader", "/projects", reader],
  ["page-reader-search", "page /projects, reader, search + status", "/projects?q=falcon&status=active,done", reader],
];
const only = process.env.BENCH_CASES?.split(",").map((key) => key.trim());
const unknown = only?.filter((key) => !allCases.some(([k]) => k === key)) ?? [];
if (unknown.length) throw new Error(`unknown BENCH_CASES ${unknown.join(", ")}; known: ${allCases.map(([k]) => k).join(", ")}`);
const cases = allCases.filter(([key]) => key === "health" || !only || only.includes(key)).map(([, ...rest]) => rest);
for (let round = 0; round < 5; round++)
  for (const [, path, cookie] of cases)
    await fetch(`${base}${path}`, { headers: !cookie ? {} : typeof cookie === "string" ? { cookie } : cookie });

for (const connections of [1, 10]) {
  console.log(`\nPostgreSQL, 100,000 projects, ${connections} connection${connections === 1 ? "" : "s"}, ${seconds} s each`);
  console.log("case                                   req/s   p50 ms   p99 ms  errors  vs health");
  let health = 0;
  for (const [name, path, cookie] of cases) {
    const headers = !cookie ? {} : typeof cookie === "string" ? { cookie } : cookie;
    const check = await fetch(`${base}${path}`, { headers });
    if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
    const result = await new Promise((resolve, reject) =>
      autocannon({ url: `${base}${path}`, connections, duration: seconds, headers }, (error, r) => (error ? reject(error) : resolve(r))),
    );
    const rate = result.requests.average;
    if (!cookie) health = rate;
    if (process.env.BENCH_JSON) {
      const figure = { name, connections, rate, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
      appendFileSync(process.env.BENCH_JSON, JSON.stringify({ ...figure, ratio: rate / health }) + "\n");
    }
    console.log(
      `${name.padEnd(37)} ${String(Math.round(rate)).padStart(6)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)} ${String(result.errors + result.non2xx).padStart(7)} ${(rate / health).toFixed(2).padStart(9)}`,
    );
  }
}
server.kill("SIGTERM");
// What one token check and one JWT check cost on their own, in-process (scripts/bench-bearer.ts).
run(["tsx", "--conditions=react-server", "scripts/bench-bearer.ts"]);
