import "server-only";
import type { Actor } from "@/lib/authz";
import { authenticateBearer } from "@/lib/api-auth/bearer";
import { currentSession } from "@/lib/auth/current-user";
import { applyCors, preflight } from "@/lib/http/cors";
import { env } from "@/lib/env";
import { problem, problemFromRefusal } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { refuse } from "@/lib/outcome";
import { consumeRateLimit, rateLimits, type RateLimitResult, type RateLimitRule } from "@/lib/rate-limit";
import { contextFromHeaders, type RequestContext } from "@/lib/request-context";
import { claimIdempotencyKey, isIdempotencyKey, type IdempotencyClaim } from "./idempotency";
import { NOBODY, type HttpMethod, type Operation, type StreamBody } from "./operation";
import { invoke, parseInput } from "./invoke";
import { operationsOf } from "./operations-index";
import { openApiDocument } from "./openapi";
import type { System } from "./registry";
import { systemConfig } from "@/system.config";

// /api/v1: every declared operation as a REST endpoint. The router matches the path (OPTIONS: a CORS preflight,
// lib/http/cors.ts; every answer carries Vary: Origin), then in order: 405 with
// Allow, 401 without a session, 403 for a cross-origin unsafe request (the cookie would ride along), 415 and
// 413 for the body, 400 for unreadable JSON, 422 for input the schema refuses, 403 without the permission;
// then the operation's own answer, a refusal as problem+json with its stable code.

const BODY_LIMIT = 64 * 1024;
const UNSAFE: ReadonlySet<string> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

type Match = { operation: Operation; params: Record<string, string> };

/** A malformed escape ("%", "%zz") stays as it is for the input schema to refuse: decodeURIComponent would throw, a 500. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(template: string, path: string): Record<string, string> | null {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i]!)?.[1];
    if (name) params[name] = decodeSegment(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The operation for this method and path; a static segment wins over a parameter (/projects/export over /projects/{id}). */
function find(operations: Iterable<Operation>, method: string, path: string): { match?: Match; allow: HttpMethod[] } {
  const candidates: Match[] = [];
  for (const operation of operations) {
    const params = matchPath(operation.path, path);
    if (params) candidates.push({ operation, params });
  }
  const fewestParams = Math.min(...candidates.map((c) => Object.keys(c.params).length));
  const best = candidates.filter((c) => Object.keys(c.params).length === fewestParams);
  return { match: best.find((c) => c.operation.method === method), allow: [...new Set(best.map((c) => c.operation.method))] };
}

/** If-Match: "3" or W/"3" is version 3; anything else can match no version. */
function expectedVersion(header: string | null): number | undefined | null {
  if (!header) return undefined;
  const version = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())?.[1];
  return version ? Number(version) : null;
}

async function readBody(request: Request): Promise<{ body?: Record<string, unknown>; error?: Response }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > BODY_LIMIT) return { error: problem(413, { code: "body_too_large", detail: `Bodies are limited to ${BODY_LIMIT} bytes.` }) };
  const text = await request.text();
  if (!text) return {};
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    return { error: problem(415, { code: "unsupported_media_type", detail: "Send JSON (Content-Type: application/json)." }) };
  if (new TextEncoder().encode(text).length > BODY_LIMIT)
    return { error: problem(413, { code: "body_too_large", detail: `Bodies are limited to ${BODY_LIMIT} bytes.` }) };
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return { error: problem(400, { code: "bad_request", detail: "The body must be a JSON object." }) };
    return { body: body as Record<string, unknown> };
  } catch {
    return { error: problem(400, { code: "bad_request", detail: "The body is not valid JSON." }) };
  }
}

const isStream = (value: unknown): value is StreamBody =>
  typeof value === "object" && value !== null && "stream" in value && value.stream instanceof ReadableStream;

function success(operation: Operation, value: unknown, request: Request, url: URL): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (isStream(value)) {
    headers.set("Content-Type", value.contentType);
    headers.set("Content-Disposition", `attachment; filename="${value.filename}"`);
    return new Response(value.stream, { status: 200, headers });
  }
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (operation.versioned && typeof record.version === "number") headers.set("ETag", `"${record.version}"`);
  if (operation.paged) headers.set("Link", pageLinks(url, record));
  if (operation.output === null) return new Response(null, { status: 204, headers });
  const status = operation.successStatus ?? 200;
  if (status === 201 && typeof record.id === "string") headers.set("Location", `${url.pathname}/${encodeURIComponent(record.id)}`);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(value), { status, headers });
}

/** RFC 8288 links to the first, previous, next and last pages, keeping the query's other parameters. */
function pageLinks(url: URL, page: Record<string, unknown>): string {
  const current = Number(page.page);
  const last = Number(page.pages);
  const link = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return `<${target.pathname}${target.search}>; rel="${rel}"`;
  };
  return [link(1, "first"), current > 1 && link(current - 1, "prev"), current < last && link(current + 1, "next"), link(last, "last")]
    .filter(Boolean)
    .join(", ");
}

/**
 * Who is calling: a bearer token when the request carries one (its cookie is then ignored), else the session
 * cookie, which must not ride along on another site's unsafe request.
 */
async function authenticate(request: Request, context: RequestContext, requestId?: string): Promise<Caller | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const token = /^Bearer +([\x21-\x7e]+)$/i.exec(authorization.trim())?.[1];
    const outcome = token
      ? await authenticateBearer(token, context)
      : refuse(401, "Use Authorization: Bearer <token>.", { code: "invalid_token" });
    if (outcome.ok) return { actor: outcome.value.actor, tokenId: outcome.value.tokenId };
    const response = problemFromRefusal(outcome, requestId);
    if (outcome.status === 401) response.headers.set("WWW-Authenticate", `Bearer realm="${systemConfig.name}", error="invalid_token"`);
    return response;
  }
  const session = await currentSession();
  if (session.stage !== "active") {
    return problem(401, {
      code: "unauthenticated",
      detail: "Sign in first.",
      headers: { "WWW-Authenticate": `Bearer realm="${systemConfig.name}"` },
      requestId,
    });
  }
  if (UNSAFE.has(request.method) && !isSameOriginRequest(request.headers)) {
    return problem(403, { code: "cross_origin", detail: "A cookie-authenticated change must come from this site's own pages.", requestId });
  }
  return { actor: session.user };
}

// NOBODY (no id) for an operation without authentication.
type Caller = { actor: Actor; tokenId?: string };

/** RateLimit-Limit, -Remaining and -Reset (seconds to the window's end), as in draft-ietf-httpapi-ratelimit-headers. */
function withRateLimit(response: Response, rule: RateLimitRule, quota: RateLimitResult): Response {
  response.headers.set("RateLimit-Limit", String(rule.limit));
  response.headers.set("RateLimit-Remaining", String(quota.remaining));
  response.headers.set("RateLimit-Reset", String(quota.retryAfterSeconds));
  return response;
}

type RouteContext = { params: Promise<{ path?: string[] }> };

export type RestOptions = {
  /** Exact origins whose pages may call the API (CORS); API_CORS_ORIGINS unless a test says otherwise. */
  corsOrigins?: readonly string[];
  /** The per-caller and per-address rules; lib/rate-limit.ts's unless a test says otherwise. */
  rateLimits?: { byCaller: RateLimitRule; byAddress: RateLimitRule };
};

export function restHandler(system: System, options: RestOptions = {}) {
  const corsOrigins = options.corsOrigins ?? env.API_CORS_ORIGINS;
  // Record creates honour Idempotency-Key; other POSTs ignore it (a sign-in or a new token's secret must never be stored).
  const idempotent = new Set(system.resources.map((resource) => `${resource.name}.create`));
  const limits = options.rateLimits ?? { byCaller: rateLimits.apiByCaller, byAddress: rateLimits.apiByAddress };
  const serve = route(async (request: Request, { params }: RouteContext) => {
    const url = new URL(request.url);
    const path = "/" + ((await params).path ?? []).join("/");
    const requestId = request.headers.get("x-request-id") ?? undefined;
    if (request.method === "GET" && path === "/openapi.json") {
      return Response.json(openApiDocument(system, operationsOf(system).values()), { headers: { "Cache-Control": "no-store" } });
    }
    const { match, allow } = find(operationsOf(system).values(), request.method, path);
    if (!allow.length) return problem(404, { code: "no_endpoint", detail: `No API endpoint at ${url.pathname}`, requestId });
    // A preflight: the browser asks before a cross-origin call; no caller, no rate limit, nothing runs.
    if (request.method === "OPTIONS") return preflight(request.headers.get("origin"), corsOrigins, allow);
    if (!match)
      return problem(405, {
        code: "method_not_allowed",
        detail: `Allowed: ${allow.join(", ")}.`,
        headers: { Allow: allow.join(", ") },
        requestId,
      });

    const { operation } = match;
    const context = contextFromHeaders(request.headers);
    let caller: Caller | Response =
      operation.authentication === "none" ? { actor: NOBODY } : await authenticate(request, context, requestId);
    // Credentials that do not hold count as none there (a program logging out with an expired access token).
    if (caller instanceof Response && operation.authentication === "optional") caller = { actor: NOBODY };
    // Per caller once known (per token too, so one leaked token cannot use up its owner's other programs);
    // per address for calls without one, refused credentials included.
    const [rule, subject] =
      caller instanceof Response || !caller.actor.id
        ? [limits.byAddress, context.ipAddress ?? "unknown"]
        : [limits.byCaller, caller.tokenId ? `${caller.actor.id}:${caller.tokenId}` : caller.actor.id];
    const quota = await consumeRateLimit(rule, subject);
    if (!quota.allowed) {
      const limited = problem(429, {
        code: "rate_limited",
        detail: `Too many requests; try again in ${quota.retryAfterSeconds} s.`,
        headers: { "Retry-After": String(quota.retryAfterSeconds) },
        requestId,
      });
      return withRateLimit(limited, rule, quota);
    }
    if (caller instanceof Response) return withRateLimit(caller, rule, quota);
    const answer = await perform(match, caller, request, url, context, idempotent.has(match.operation.id), requestId);
    return withRateLimit(answer, rule, quota);
  });
  // Outside route(): its 500 answers get Vary and the CORS headers too, so a browser can read the request id.
  return async (request: Request, context: RouteContext): Promise<Response> =>
    applyCors(await serve(request, context), request.headers.get("origin"), corsOrigins);
}

/** A matched operation for a known caller: body, input, If-Match, permission, then the handler's answer. */
async function perform(
  { operation, params: pathParams }: Match,
  { actor }: Caller,
  request: Request,
  url: URL,
  context: RequestContext,
  idempotent: boolean,
  requestId?: string,
): Promise<Response> {
  const takesQuery = request.method === "GET" || (request.method === "DELETE" && !operation.deleteWithBody);
  const { body, error } = takesQuery ? {} : await readBody(request);
  if (error) return error;
  const query = Object.fromEntries(url.searchParams);
  const parsed = parseInput(operation, { ...(body ?? query), ...pathParams });
  if (!parsed.ok) return problemFromRefusal(parsed, requestId);
  const version = operation.versioned ? expectedVersion(request.headers.get("if-match")) : undefined;
  if (version === null) return problem(412, { code: "version_conflict", detail: "If-Match names no version of this record.", requestId });

  const key = idempotent ? request.headers.get("idempotency-key") : null;
  let claim: IdempotencyClaim | undefined;
  if (key !== null) {
    if (!isIdempotencyKey(key))
      return problem(400, {
        code: "invalid_idempotency_key",
        detail: "Idempotency-Key must be 1–255 visible ASCII characters.",
        requestId,
      });
    claim = await claimIdempotencyKey({ actorId: actor.id, operationId: operation.id, key }, JSON.stringify(body ?? {}));
    if (claim.kind === "replay") return claim.response;
    if (claim.kind === "reused")
      return problem(422, { code: "idempotency_key_reused", detail: "This Idempotency-Key was used with another body.", requestId });
    if (claim.kind === "in_progress")
      return problem(409, { code: "idempotency_in_progress", detail: "A request with this Idempotency-Key is still running.", requestId });
  }
  try {
    const outcome = await invoke(operation, parsed.value, { actor, context, expectedVersion: version });
    const answer = outcome.ok ? success(operation, outcome.value, request, url) : problemFromRefusal(outcome, requestId);
    return claim?.kind === "claimed" ? await claim.finish(answer) : answer;
  } catch (error) {
    // Nothing was created: the key is free for a retry once the fault is fixed.
    if (claim?.kind === "claimed") await claim.release();
    throw error;
  }
}
