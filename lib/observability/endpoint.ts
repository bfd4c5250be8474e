import "server-only";
import { env } from "@/lib/env";
import { problem } from "@/lib/http/problem";
import { clientIp } from "@/lib/request-context";
import { bearerMatches } from "@/lib/secure-token";
import { addressMatcher } from "./address-list";

// GET /api/metrics. Off (neither METRICS_TOKEN nor METRICS_ALLOW set) it does not exist: a 404 like any unknown
// path, and prom-client is never loaded. On, each configured guard must pass: the bearer token, the address list.

const allowed = env.METRICS_ALLOW.length ? addressMatcher(env.METRICS_ALLOW) : null;

export async function serveMetrics(request: Request): Promise<Response> {
  if (!env.METRICS_TOKEN && !allowed) return problem(404);
  const requestId = request.headers.get("x-request-id") ?? undefined;
  if (allowed && !allowed(clientIp(request.headers.get("x-forwarded-for")))) {
    return problem(403, { code: "forbidden", detail: "This address may not read the metrics.", requestId });
  }
  if (env.METRICS_TOKEN && !bearerMatches(request.headers.get("authorization"), env.METRICS_TOKEN)) {
    return problem(401, {
      code: "unauthenticated",
      detail: "Send Authorization: Bearer <METRICS_TOKEN>.",
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
      requestId,
    });
  }
  const registry = (await import("./registry")).metricsRegistry();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
