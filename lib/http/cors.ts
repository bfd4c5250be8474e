// CORS for /api/v1: pure functions over an allowlist of exact origins (API_CORS_ORIGINS). An origin is allowed
// only when it equals an entry character for character: no suffix or prefix matching, no wildcard, and never
// `null` (sandboxed frames and file: pages send it, so it names nobody). The value sent back is the allowlist's
// own string, never the request's header.
//
// No Access-Control-Allow-Credentials, ever: programs call the API with bearer tokens, and a cookie must not
// authorise a change from another origin anyway (lib/kernel/rest.ts refuses that), so credentialed cross-origin
// reads would only widen what a hostile page allowed by mistake could read with someone's session.

const CORS_ALLOWED_HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key"] as const;
const CORS_EXPOSED_HEADERS = [
  "ETag",
  "Link",
  "Location",
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Idempotency-Replayed",
] as const;
/** How long a browser may cache a preflight answer (seconds); browsers cap it themselves (Chrome: 2 hours). */
const CORS_MAX_AGE_SECONDS = 600;

/** The allowlist entry equal to the request's Origin, or null: a missing, `null` or unlisted origin gets no CORS headers. */
export function allowedOrigin(origin: string | null, allowlist: readonly string[]): string | null {
  if (!origin || origin === "null") return null;
  return allowlist.find((entry) => entry === origin) ?? null;
}

/** Adds Vary: Origin to every answer (caches must not serve one origin's headers to another) and, for an allowed origin, the CORS headers. */
export function applyCors(response: Response, origin: string | null, allowlist: readonly string[]): Response {
  response.headers.append("Vary", "Origin");
  const allowed = allowedOrigin(origin, allowlist);
  if (allowed) {
    response.headers.set("Access-Control-Allow-Origin", allowed);
    response.headers.set("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS.join(", "));
  }
  return response;
}

/** The answer to a preflight (OPTIONS) for a path that serves `methods`: 204, with CORS headers only for an allowed origin. */
export function preflight(origin: string | null, allowlist: readonly string[], methods: readonly string[]): Response {
  const headers = new Headers({ Allow: ["OPTIONS", ...methods].join(", "), "Cache-Control": "no-store" });
  const response = new Response(null, { status: 204, headers });
  applyCors(response, origin, allowlist);
  if (response.headers.has("Access-Control-Allow-Origin")) {
    response.headers.set("Access-Control-Allow-Methods", methods.join(", "));
    response.headers.set("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS.join(", "));
    response.headers.set("Access-Control-Max-Age", String(CORS_MAX_AGE_SECONDS));
  }
  return response;
}

/** One API_CORS_ORIGINS entry as an origin (scheme, host, port), or an error message: paths, queries, `*` and `null` are refused. */
export function parseCorsOrigin(entry: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { error: `"${entry}" is not a URL` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { error: `"${entry}" must be http:// or https://` };
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== ""))
    return { error: `"${entry}" must be an origin only (scheme://host[:port]), without a path` };
  if (entry.replace(/\/$/, "") !== url.origin) return { error: `"${entry}" must be written as ${url.origin}` };
  return { origin: url.origin };
}
