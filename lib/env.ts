import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseCorsOrigin } from "./http/cors";
import { readOrCreateLocalSecret } from "./local-secrets";
import { parseAddressList } from "./observability/address-list";
import { parseDsn } from "./observability/dsn";

// Validated once, at first import (instrumentation.ts imports it at start-up), so a bad deploy fails fast
// with one message naming every bad variable instead of failing later on some request.

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** postgres://… for PostgreSQL; pglite:<folder> or pglite:memory for the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|pglite:)/, "must start with postgres://, postgresql:// or pglite:")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** HMAC key applied to passwords before bcrypt; kept outside the database. */
  PASSWORD_PEPPER: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Key for secrets the database keeps encrypted (TOTP secrets): AES-256-GCM under keys derived from it. */
  DATA_ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Signs the API's access JWTs (HS256): a key of its own, so neither cookies nor passwords share it. */
  API_JWT_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  APP_URL: z.url().optional(),
  FORCE_HTTPS: booleanFlag.optional(),
  LOG_LEVEL: z.enum(logLevels).optional(),
  LOG_FILE: z.string().min(1).optional(),
  LOG_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  LOG_FILE_KEEP: z.coerce.number().int().min(1).max(100).default(5),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Where npm run db:backup (and db:migrate in production) writes backups. */
  BACKUP_DIR: z.string().min(1).default(".data/backups"),
  /** How many backups of a database to keep; older ones are deleted once a new one is verified. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** db:migrate in production backs up first when it has migrations to apply (false: never; --no-backup: this once). */
  BACKUP_BEFORE_MIGRATE: booleanFlag.default(true),
  /** How long a migration may wait for a table lock before it fails (ms; 0: forever), rather than stall the app's queries. */
  MIGRATION_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** How long a request waits for a pooled PostgreSQL connection (or a new one to open) before it answers 503. */
  DB_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** The longest one PostgreSQL statement of a request may run (migrations and scripts have none). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /**
   * Proxies in front of the app that append to X-Forwarded-For (Vercel, nginx, a load balancer). 0, the safe
   * default for a server clients reach directly, trusts no header: the address comes from the socket.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** How long server.mjs reuses a render of a page a visitor without cookies sees (0: not at all). */
  ANONYMOUS_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Requests a minute each /api/v1 caller may make; system.config.ts's api.rateLimits.perCaller by default. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Resend's signing secret for POST /api/webhooks/resend (delivery events); unset, that route is a 404. */
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+=*$/, "must be the signing secret Resend shows for the webhook (whsec_…)")
    .optional(),
  /** Show stored emails at /dev/mailbox in a production build (disposable test environments only). */
  DEV_MAILBOX: booleanFlag.default(false),
  /** Sender for outgoing mail, e.g. "Acme <no-reply@acme.example>"; defaults to the support address. */
  EMAIL_FROM: z.string().min(3).optional(),
  /** Messages but security mail delivered per second by all processes together, within the provider's limit (Resend: 2). */
  EMAIL_SEND_RATE: z.coerce.number().min(0.1).max(1000).default(2),
  /** Refuse new passwords found in known breaches (k-anonymity range API, e.g. Have I Been Pwned); fails open. */
  PASSWORD_BREACH_CHECK: booleanFlag.default(false),
  PASSWORD_BREACH_CHECK_URL: z.url().default("https://api.pwnedpasswords.com/range/"),
  /** Origins whose pages may call /api/v1 from the browser (CORS): comma-separated, exact (https://app.example). */
  API_CORS_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean)) {
        const parsed = parseCorsOrigin(entry);
        if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
        else origins.push(parsed.origin);
      }
      return origins;
    })
    .default([]),
  /** Sign-in with GitHub (an OAuth app's client id and secret): both, or neither. */
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  /** Sign-in with Google (an OAuth client's id and secret): both, or neither. */
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
  /** Sign-in with any OpenID Connect issuer (its discovery URL's base), its client id and secret, and its button label. */
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: z.string().min(1).optional(),
  AUTH_OIDC_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).max(40).default("Single sign-on"),
  /** A bearer token that unlocks /api/health's details (version, uptime, database) for monitoring. */
  HEALTH_TOKEN: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Vercel Cron sends it as a bearer token to /api/cron/email, which drains the outbox; unset, that route is a 404. */
  CRON_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Bearer token for GET /api/metrics (Prometheus); with METRICS_ALLOW set too, a scrape needs both. */
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Addresses or CIDR ranges (10.0.0.0/8, fd00::/8) allowed to scrape /api/metrics, comma-separated. */
  METRICS_ALLOW: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseAddressList(value);
      for (const message of parsed.errors) ctx.addIssue({ code: "custom", message });
      return parsed.entries;
    })
    .default([]),
  /** OTLP/HTTP collector for OpenTelemetry traces (instrumentation.ts loads @vercel/otel only when it is set). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
  /** A Sentry-compatible DSN (https://<key>@<host>/<project>): request errors are posted there, scrubbed. */
  ERROR_TRACKING_DSN: z
    .string()
    .refine((value) => parseDsn(value) !== null, "must be a DSN such as https://<public key>@errors.example.com/<project id>")
    .optional(),
});

export type Env = z.infer<typeof schema> & {
  DATABASE_URL: string;
  AUTH_SECRET: string;
  PASSWORD_PEPPER: string;
  DATA_ENCRYPTION_KEY: string;
  API_JWT_SECRET: string;
  FORCE_HTTPS: boolean;
  LOG_LEVEL: (typeof logLevels)[number];
};

/** `next build` imports server modules without serving anything: production rules apply at start. */
const isBuildPhase = () => process.env.NEXT_PHASE === "phase-production-build";

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  const problems = result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  const raw = result.data;
  const production = raw?.NODE_ENV === "production" && !isBuildPhase();
  if (raw && production) {
    if (!raw.DATABASE_URL) problems.push("  DATABASE_URL: required in production");
    // The embedded database lives on one machine's disk in one process: Vercel keeps no disk between requests and
    // runs many instances, and a container image is meant to be replaced and scaled. Both need PostgreSQL.
    else if (raw.DATABASE_URL.startsWith("pglite:") && (source.VERCEL || source.__NEXT_PRIVATE_STANDALONE_CONFIG)) {
      problems.push(
        `  DATABASE_URL: the embedded database cannot serve ${source.VERCEL ? "a Vercel deployment" : "a standalone (container) build"}; set a postgres:// URL`,
      );
    }
    // Links in emails and the cookies' Secure flag follow the public URL: production must name it.
    if (!raw.APP_URL) problems.push("  APP_URL: required in production");
    const seen = new Map<string, string>();
    for (const name of ["AUTH_SECRET", "PASSWORD_PEPPER", "DATA_ENCRYPTION_KEY", "API_JWT_SECRET"] as const) {
      const value = raw[name];
      if (!value) problems.push(`  ${name}: required in production`);
      else if (/change-?me|example|placeholder/i.test(value)) {
        problems.push(`  ${name}: is a placeholder; generate one with \`openssl rand -base64 32\``);
      } else if (seen.has(value)) {
        // One leaked value must not open every door.
        problems.push(`  ${name}: must differ from ${seen.get(value)}; generate each with \`openssl rand -base64 32\``);
      } else seen.set(value, name);
    }
  }
  if (raw) problems.push(...providerProblems(raw));
  if (raw?.DEV_MAILBOX && raw.RESEND_API_KEY) problems.push("  DEV_MAILBOX: cannot be on while RESEND_API_KEY sends real mail");
  if (problems.length > 0 || !raw) {
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  const test = raw.NODE_ENV === "test";
  return {
    ...raw,
    DATABASE_URL: raw.DATABASE_URL ?? (test ? "pglite:memory" : "pglite:.data/pglite"),
    AUTH_SECRET: raw.AUTH_SECRET ?? localSecret("AUTH_SECRET", test),
    PASSWORD_PEPPER: raw.PASSWORD_PEPPER ?? localSecret("PASSWORD_PEPPER", test),
    DATA_ENCRYPTION_KEY: raw.DATA_ENCRYPTION_KEY ?? localSecret("DATA_ENCRYPTION_KEY", test),
    API_JWT_SECRET: raw.API_JWT_SECRET ?? localSecret("API_JWT_SECRET", test),
    FORCE_HTTPS: raw.FORCE_HTTPS ?? raw.NODE_ENV === "production",
    LOG_LEVEL: raw.LOG_LEVEL ?? (test ? "warn" : "info"),
  };
}

/** A provider is on when all its variables are set; some without the others is a mistake worth failing on. */
function providerProblems(raw: z.infer<typeof schema>): string[] {
  const groups = [
    ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
    ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
  ] as const;
  return groups.flatMap((names) => {
    const missing = names.filter((name) => !raw[name]);
    return missing.length > 0 && missing.length < names.length
      ? [`  ${missing.join(", ")}: required with ${names.filter((n) => raw[n]).join(", ")}`]
      : [];
  });
}

function localSecret(name: string, test: boolean): string {
  if (test) return `test-only-${name.toLowerCase()}-not-for-real-use`;
  // Only `next build` gets here in production: it never serves a request, so a throwaway value will do.
  if (isBuildPhase()) return randomBytes(32).toString("base64url");
  return readOrCreateLocalSecret(name);
}

export const env: Env = parseEnv(process.env);
