import "server-only";
import { runAfterResponse } from "@/lib/after-response";
import { ForbiddenError } from "@/lib/authz";
import { requestLog } from "@/lib/log";
import { databaseUnavailable, isDatabaseUnavailable } from "./database-unavailable";
import { problem, problemFromRefusal } from "./problem";

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

/**
 * The one door for route handlers: logs each call with its request id, status and duration, and turns
 * anything thrown into a bare 500 problem+json, so no stack trace or internal message reaches a client. A
 * database that is down, full or too slow is the service's fault, not a bug: 503 database_unavailable with Retry-After.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = request.headers.get("x-request-id") ?? undefined;
    const log = requestLog(requestId);
    const started = performance.now();
    const { pathname } = new URL(request.url);
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      if (error instanceof ForbiddenError) {
        response = problem(403, { requestId, detail: "You do not have permission to do that." });
      } else if (isDatabaseUnavailable(error)) {
        log.warn({ err: error, method: request.method, path: pathname }, "route handler: database unavailable");
        response = problemFromRefusal(databaseUnavailable(), requestId);
      } else {
        log.error({ err: error, method: request.method, path: pathname }, "route handler failed");
        response = problem(500, { requestId });
        // Answered here, so Next's onRequestError never hears of it: tell the error tracker the same way.
        if (process.env.ERROR_TRACKING_DSN) runAfterResponse("error tracking", () => reportRouteError(error, request, pathname));
      }
    }
    log.info({ method: request.method, path: pathname, status: response.status, ms: Math.round(performance.now() - started) }, "api");
    return response;
  };
}

async function reportRouteError(error: unknown, request: Request, path: string): Promise<void> {
  const { reportRequestError } = await import("@/lib/observability/error-tracking");
  const headers = Object.fromEntries(request.headers);
  await reportRequestError(
    error,
    { path: path + new URL(request.url).search, method: request.method, headers },
    { routePath: path, routeType: "route" },
  );
}
