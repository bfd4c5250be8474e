import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimitAddress } from "@/lib/request-context";
import { systemConfig } from "@/system.config";

// One door for every limit. With Upstash configured (serverless, many regions) counters live in Upstash
// Redis. Otherwise they live in PostgreSQL: the database every deployment already has, shared by all server
// processes that use it, and updated with one atomic upsert, so concurrent requests cannot both slip under
// a limit. The table is UNLOGGED (migration 20261127180000_rate_limit_unlogged): a counter bump is on every API
// request, and a logged one waits for a disk flush; a database crash starts the windows afresh. PGlite runs the
// same SQL for a single process.

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export const rateLimits = {
  loginByIp: { name: "login-ip", limit: 20, windowSeconds: 15 * 60 },
  loginByAccount: { name: "login-account", limit: 10, windowSeconds: 15 * 60 },
  registerByIp: { name: "register-ip", limit: 5, windowSeconds: 60 * 60 },
  // Per address too: nobody can flood someone's inbox with "you already have an account" mail.
  registerByAccount: { name: "register-account", limit: 3, windowSeconds: 60 * 60 },
  verificationResendByIp: { name: "verify-resend-ip", limit: 10, windowSeconds: 60 * 60 },
  verificationResendByAccount: { name: "verify-resend", limit: 3, windowSeconds: 60 * 60 },
  passwordResetByIp: { name: "reset-ip", limit: 10, windowSeconds: 60 * 60 },
  passwordResetByAccount: { name: "reset-account", limit: 3, windowSeconds: 60 * 60 },
  // Above the wrong-code lock (5), so a person mistyping is locked out by that rule and told why, never by these.
  twoFactorBySession: { name: "2fa-session", limit: 10, windowSeconds: 10 * 60 },
  twoFactorByAccount: { name: "2fa-account", limit: 20, windowSeconds: 15 * 60 },
  // Per sender: a compromised or careless administrator cannot fire off send after send.
  emailComposeBySender: { name: "email-compose", limit: 10, windowSeconds: 60 * 60 },
  // The compose form's people picker: plenty for typing, too few to walk the directory ten people at a time.
  emailRecipientLookup: { name: "email-recipients", limit: 60, windowSeconds: 60 },
  apiByCaller: {
    name: "api-caller",
    ...(env.API_RATE_LIMIT_PER_MINUTE
      ? { limit: env.API_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }
      : systemConfig.api.rateLimits.perCaller),
  },
  apiByAddress: { name: "api-ip", ...systemConfig.api.rateLimits.perAddress },
} satisfies Record<string, RateLimitRule>;

// An IPv6 subject counts for its whole /64 (see rateLimitAddress); emails and IPv4 addresses count as given.
const keyFor = (rule: RateLimitRule, subject: string) => `${rule.name}:${rateLimitAddress(subject).toLowerCase()}`;

export async function consumeRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const key = keyFor(rule, subject);
  return upstash ? consumeUpstash(rule, key) : consumePostgres(rule, key);
}

/** Forget a subject's count, e.g. an account's failed logins after it signs in successfully. */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const key = keyFor(rule, subject);
  if (upstash) await limiterFor(rule).resetUsedTokens(key);
  else await db.rateLimitCounter.deleteMany({ where: { key } });
}

async function consumePostgres(rule: RateLimitRule, key: string): Promise<RateLimitResult> {
  // Timestamps are UTC without a zone, as Prisma stores them.
  const rows = await db.$queryRaw<{ count: number; retryAfter: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "count", "resetAt")
    VALUES (${key}, 1, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${rule.windowSeconds}::int))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."resetAt" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitCounter"."resetAt" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."resetAt" ELSE "RateLimitCounter"."resetAt" END
    RETURNING "count"::int AS "count",
      GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("resetAt" - (now() AT TIME ZONE 'UTC')))))::int AS "retryAfter"`;
  const row = rows[0]!;
  if (Math.random() < 0.01) void sweepExpiredCounters();
  return { allowed: row.count <= rule.limit, remaining: Math.max(0, rule.limit - row.count), retryAfterSeconds: row.retryAfter };
}

async function sweepExpiredCounters(): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { resetAt: { lt: new Date(Date.now() - 60 * 60 * 1000) } } }).catch(() => {});
}

const upstash =
  env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
    ? new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
    : null;
const limiters = new Map<string, Ratelimit>();

function limiterFor(rule: RateLimitRule): Ratelimit {
  let limiter = limiters.get(rule.name);
  if (!limiter) {
    limiter = new Ratelimit({ redis: upstash!, limiter: Ratelimit.fixedWindow(rule.limit, `${rule.windowSeconds} s`), prefix: "rl" });
    limiters.set(rule.name, limiter);
  }
  return limiter;
}

async function consumeUpstash(rule: RateLimitRule, key: string): Promise<RateLimitResult> {
  const result = await limiterFor(rule).limit(key);
  return {
    allowed: result.success,
    remaining: result.remaining,
    retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)),
  };
}
