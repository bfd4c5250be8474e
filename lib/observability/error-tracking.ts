import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { parseDsn } from "./dsn";

// ERROR_TRACKING_DSN: each request error Next reports (instrumentation.ts's onRequestError) becomes one event
// posted to a Sentry-compatible service, as a minimal envelope (the protocol Sentry, GlitchTip and Bugsink accept)
// with no SDK. What leaves the server is scrubbed by allowlist: the route, method and path, a few harmless
// headers, the query's keys (never its values: reset links carry tokens there), the error's type, message and
// stack with credential-shaped text masked. Never cookies, authorization headers or bodies.

const SAFE_HEADERS = ["user-agent", "accept", "content-type", "content-length", "x-request-id"];
const MAX_EVENTS_PER_MINUTE = 30;
const SEND_TIMEOUT_MS = 3_000;

type RequestInfo = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
type ErrorContext = { routerKind?: string; routePath: string; routeType: string };

/** Credential-shaped text inside a message or stack: `Bearer …`, `password=…`, `"token": "…"`, a URL's user:password@. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, "$1 [Filtered]"],
  [/((?:pass(?:word)?|secret|token|key|code|cookie|authorization|session)\w*["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, "$1[Filtered]"],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, "$1[Filtered]@"],
];

export function scrub(text: string): string {
  return SECRET_PATTERNS.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text).slice(0, 8_192);
}

/** The path with each query value replaced: `/reset-password?token=[Filtered]`. */
function scrubPath(path: string): string {
  const url = new URL(path, "http://placeholder");
  const keys = [...new Set(url.searchParams.keys())];
  const query = keys.map((key) => `${encodeURIComponent(key)}=[Filtered]`).join("&");
  return `${url.pathname}${query ? `?${query}` : ""}`;
}

function frames(stack: string | undefined) {
  const lines = (stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  // Sentry lists frames oldest first; V8 prints the newest first.
  return lines
    .slice(0, 50)
    .reverse()
    .map((line) => {
      // Lines are capped, so the two lazy groups' backtracking stays bounded whatever a stack holds.
      // eslint-disable-next-line security/detect-unsafe-regex -- bounded input, see above
      const match = /at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line.trim().slice(0, 1000));
      return match
        ? { function: match[1] ?? "?", filename: scrub(match[2]!), lineno: Number(match[3]), colno: Number(match[4]) }
        : { function: scrub(line.trim()) };
    });
}

export function buildEvent(error: unknown, request: RequestInfo, context: ErrorContext) {
  const err = error instanceof Error ? error : new Error(String(error));
  const headers = Object.fromEntries(
    SAFE_HEADERS.flatMap((name) => {
      const value = request.headers[name];
      return typeof value === "string" ? [[name, scrub(value)]] : [];
    }),
  );
  return {
    event_id: randomUUID().replaceAll("-", ""),
    timestamp: Date.now() / 1000,
    platform: "node",
    level: "error",
    environment: env.NODE_ENV,
    transaction: context.routePath,
    tags: { route: context.routePath, route_type: context.routeType },
    request: { method: request.method, url: scrubPath(request.path), headers },
    exception: { values: [{ type: err.name, value: scrub(err.message), stacktrace: { frames: frames(err.stack) } }] },
  };
}

const sent: number[] = [];

/** Posts one event; never throws (the request has failed already), gives up after a few seconds. */
export async function reportRequestError(error: unknown, request: RequestInfo, context: ErrorContext): Promise<void> {
  const dsn = env.ERROR_TRACKING_DSN ? parseDsn(env.ERROR_TRACKING_DSN) : null;
  if (!dsn) return;
  // A failure on every request must not become a flood of posts: past the cap, the log alone keeps the errors.
  const now = Date.now();
  while (sent.length && sent[0]! < now - 60_000) sent.shift();
  if (sent.length >= MAX_EVENTS_PER_MINUTE) return;
  sent.push(now);
  const event = buildEvent(error, request, context);
  const envelope = [
    JSON.stringify({ event_id: event.event_id, dsn: dsn.dsn, sent_at: new Date(now).toISOString() }),
    JSON.stringify({ type: "event" }),
    JSON.stringify(event),
  ].join("\n");
  try {
    const response = await fetch(dsn.envelopeUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-sentry-envelope",
        "X-Sentry-Auth": `Sentry sentry_version=7, sentry_key=${dsn.publicKey}, sentry_client=error-hook/1.0`,
      },
      body: envelope,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!response.ok) log.warn({ status: response.status }, "error tracking: the service refused an event");
  } catch (failure) {
    log.warn({ err: failure }, "error tracking: could not post an event");
  }
}
