// What one bearer check costs, in-process, one at a time (no HTTP, no contention): the personal access token's
// and the access JWT's verifier in full (database included), the CPU-only part of each (hash and checksum; the
// JWT's signature and claims), and one database round trip (SELECT 1) to compare with. Then the token-
// authenticated list taken apart: its rate-limit count, its query parsing, its count and page with the JSON
// answer, next to the health handler called the same way, so the gap between the two is accounted for step
// by step (the whole /api/v1 handler needs Next's request scope: scripts/bench-records.mjs measures it over HTTP).
// Run by scripts/bench-records.mjs after it has seeded the database (the token is in .data/bench-token).
import "./load-env";
import { readFileSync } from "node:fs";
import { jwtVerify } from "jose";
import { verifyAccessToken, signAccessToken } from "@/lib/api-auth/jwt";
import { hashTokenForStorage, isWellFormed } from "@/lib/api-tokens/token";
import { verifyApiToken } from "@/lib/api-tokens/verify";
import { createSession } from "@/lib/auth/sessions";
import { closeDb, db } from "@/lib/db";
import { env } from "@/lib/env";
import { listRecords } from "@/lib/kernel/records/access";
import { parseListQuery } from "@/lib/kernel/records/list-query";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { hashToken } from "@/lib/secure-token";
import { GET as health } from "@/app/api/health/live/route";
import { system } from "@/modules";

const ROUNDS = Number(process.env.BENCH_BEARER_ROUNDS ?? 2_000);
const context = { ipAddress: "198.51.100.1", userAgent: "bench-bearer", requestId: null };

async function time(name: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await run(); // warm up the JIT, the pool and the query plans
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(3);
  console.log(`${name.padEnd(44)} ${at(0.5).padStart(8)} ${at(0.99).padStart(8)}`);
}

const pat = readFileSync(".data/bench-token", "utf8").trim();
const demo = await db.user.findUniqueOrThrow({ where: { email: "demo@example.com" }, select: { id: true } });
const secret = await createSession(demo.id, { rememberMe: false, context, kind: "API" });
const session = await db.session.findUniqueOrThrow({ where: { sessionToken: hashToken(secret) }, select: { id: true } });
const jwt = await signAccessToken(demo.id, session.id);
const key = new TextEncoder().encode(env.API_JWT_SECRET);

try {
  for (const [name, outcome] of [
    ["token", await verifyApiToken(pat, context)],
    ["JWT", await verifyAccessToken(jwt, context)],
  ] as const)
    if (!outcome?.ok) throw new Error(`the ${name} verifier refused the benchmark's ${name}`);
  console.log(`\nOne bearer check, in-process, ${ROUNDS} sequential calls (ms)`);
  console.log("step                                              p50      p99");
  await time("database round trip (SELECT 1)", () => db.$queryRaw`SELECT 1`);
  await time("token: format and hash only (CPU)", async () => isWellFormed(pat) && hashTokenForStorage(pat));
  await time("token: full check (verifyApiToken)", () => verifyApiToken(pat, context));
  await time("JWT: signature and claims only (CPU)", () => jwtVerify(jwt, key, { algorithms: ["HS256"] }));
  await time("JWT: full check (verifyAccessToken)", () => verifyAccessToken(jwt, context));

  console.log(`\nThe token-authenticated list of projects, in-process, ${ROUNDS} sequential calls (ms)`);
  console.log("step                                              p50      p99");
  const projects = system.resources.find((resource) => resource.name === "projects")!;
  const member = (await verifyApiToken(pat, context))!;
  if (!member.ok) throw new Error("the token stopped working");
  const parsed = parseListQuery(projects, {});
  if (!parsed.ok) throw new Error("the empty list query was refused");
  await time("list query parsed (parseListQuery)", async () => parseListQuery(projects, {}));
  await time("rate-limit count (one upsert)", () => consumeRateLimit(rateLimits.apiByCaller, `bench:${demo.id}`));
  await time("count and page (listRecords)", () => listRecords(projects, member.value.actor, parsed.query, context));
  await time("count, page and the JSON answer", async () =>
    JSON.stringify((await listRecords(projects, member.value.actor, parsed.query, context)) as object),
  );
  await time("health handler (route() and its JSON)", async () =>
    (await health(new Request("http://127.0.0.1/api/health/live"), undefined)).text(),
  );
} finally {
  await db.session.deleteMany({ where: { id: session.id } });
  await closeDb();
}
