import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consumeRateLimit, resetRateLimit } from "@/lib/rate-limit";
import { unique, useTestDatabase } from "../helpers/database";

describe("rate limits on the database store", () => {
  useTestDatabase();

  it("allows up to the limit, then refuses with a Retry-After within the window", async () => {
    const rule = { name: unique("rule"), limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await consumeRateLimit(rule, "1.2.3.4"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[2]!.remaining).toBe(0);
    expect(results[4]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[4]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts each subject separately, case-insensitively", async () => {
    const rule = { name: unique("rule"), limit: 1, windowSeconds: 60 };
    expect((await consumeRateLimit(rule, "Ada@Example.com")).allowed).toBe(true);
    expect((await consumeRateLimit(rule, "ada@example.com")).allowed).toBe(false);
    expect((await consumeRateLimit(rule, "bob@example.com")).allowed).toBe(true);
  });

  it("counts every address of one IPv6 /64 in one bucket", async () => {
    const rule = { name: unique("rule"), limit: 2, windowSeconds: 60 };
    expect((await consumeRateLimit(rule, "2001:db8:5:6::1")).allowed).toBe(true);
    expect((await consumeRateLimit(rule, "2001:db8:5:6:abcd::2")).allowed).toBe(true);
    expect((await consumeRateLimit(rule, "2001:db8:5:6:ffff:1:2:3")).allowed).toBe(false);
    expect((await consumeRateLimit(rule, "2001:db8:5:7::1")).allowed).toBe(true);
  });

  it("lets no concurrent burst slip past the limit", async () => {
    const rule = { name: unique("rule"), limit: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(rule, "burst")));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("starts a new window once the old one has passed, and can be reset", async () => {
    const rule = { name: unique("rule"), limit: 1, windowSeconds: 60 };
    await consumeRateLimit(rule, "x");
    expect((await consumeRateLimit(rule, "x")).allowed).toBe(false);
    await db.rateLimitCounter.updateMany({ where: { key: `${rule.name}:x` }, data: { resetAt: new Date(Date.now() - 1000) } });
    expect((await consumeRateLimit(rule, "x")).allowed).toBe(true);
    await resetRateLimit(rule, "x");
    expect((await consumeRateLimit(rule, "x")).allowed).toBe(true);
  });

  it("keeps its counters in a table every process shares but without a disk flush per bump (UNLOGGED)", async () => {
    const [table] = await db.$queryRaw<{ persistence: string }[]>`
      SELECT relpersistence::text AS persistence FROM pg_class WHERE oid = '"RateLimitCounter"'::regclass`;
    expect(table?.persistence).toBe("u");
  });
});
