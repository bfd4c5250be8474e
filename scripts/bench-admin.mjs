// The admin console's users list under load, on PostgreSQL with 100,000 users:
//   npm run build && BENCH_DATABASE_URL=postgres://… npm run bench:admin
// Seeds the demo accounts and USERS synthetic users, starts `next start`, signs in as the demo manager (who
// may read users; scripts/bench-admin-session.ts) and measures the list page with search and filters (autocannon).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { benchServerEnv } from "./bench-env.mjs";

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl?.startsWith("postgres")) throw new Error("set BENCH_DATABASE_URL to a PostgreSQL database you can fill");
const port = Number(process.env.BENCH_PORT ?? 3301);
const base = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
// A fixed pepper: the demo accounts stay in this database between runs, and must still verify.
const env = { ...benchServerEnv(databaseUrl), PASSWORD_PEPPER: "bench-only-pepper-not-a-real-secret-0123456789" };
const run = (args) => {
  const result = spawnSync("npx", args, { env: { ...env, NODE_ENV: "development" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
};
run(["tsx", "--conditions=react-server", "scripts/db.ts", "setup", "--demo"]);
run(["tsx", "--conditions=react-server", "scripts/bench-users.ts"]);
run(["tsx", "--conditions=react-server", "scripts/bench-admin-session.ts"]);

const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "ignore" });
process.on("exit", () => server.kill("SIGTERM"));
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/api/health/live`).catch(() => null))?.ok) break;
  if (i > 100) throw new Error("server did not start");
  await new Promise((resolve) => setTimeout(resolve, 200));
}

// The manager's session cookie as Auth.js writes it (lib/auth/index.ts): its encrypted token carries the
// server-side session's secret, salted with the cookie's name ("session" over plain HTTP).
const { userId, secret } = JSON.parse(readFileSync(".data/bench-admin-session", "utf8"));
const token = await encode({ token: { sub: userId, sid: secret }, secret: env.AUTH_SECRET, salt: "session" });
const cookie = `session=${token}`;

const cases = [
  ["first page, no filter", "/admin/users"],
  ["search 'hopper' + active + role user", "/admin/users?q=hopper&status=active&role=user"],
  ["search 'ada love' + 2FA on, by name", "/admin/users?q=ada+love&twoFactor=on&sort=name&dir=asc"],
  ["worst case: 2 terms, no match, by name", "/admin/users?q=grace+tur&twoFactor=on&sort=name&dir=asc"],
  ["unconfirmed, page 200", "/admin/users?verified=no&page=200"],
];
// Warm-up: compiled code paths and the database's caches, so the first case is not measured cold.
for (let round = 0; round < 10; round++) for (const [, path] of cases) await fetch(`${base}${path}`, { headers: { cookie } });
console.log(`PostgreSQL, ${connections} connections, ${seconds} s each`);
console.log("case                                        alone ms   req/s   p50 ms   p99 ms   errors");
for (const [name, path] of cases) {
  // One request at a time first: the page's own latency (its queries), without queueing behind the others.
  const alone = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const check = await fetch(`${base}${path}`, { headers: { cookie } });
    await check.arrayBuffer();
    if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
    alone.push(performance.now() - started);
  }
  const aloneMs = Math.round(alone.toSorted((a, b) => a - b)[10]);
  const result = await new Promise((resolve, reject) =>
    autocannon({ url: `${base}${path}`, connections, duration: seconds, headers: { cookie } }, (error, r) =>
      error ? reject(error) : resolve(r),
    ),
  );
  console.log(
    `${name.padEnd(42)} ${String(aloneMs).padStart(8)} ${String(Math.round(result.requests.average)).padStart(7)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)} ${String(result.errors + result.non2xx).padStart(8)}`,
  );
}
server.kill("SIGTERM");
