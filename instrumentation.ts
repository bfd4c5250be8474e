// Next calls register() once per server start and onRequestError() for failures while rendering or
// handling a request. The Node-only work lives in lib/boot.ts, away from the Edge compile of this file.
// Tracing and error tracking load their code only when configured (lib/observability/): off, they cost nothing.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/boot")).boot();
}

export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { requestLog } = await import("./lib/log");
  const requestId = request.headers["x-request-id"];
  requestLog(typeof requestId === "string" ? requestId : undefined).error(
    { err: error, method: request.method, path: request.path, route: context.routePath, type: context.routeType },
    "request failed",
  );
  if (process.env.ERROR_TRACKING_DSN)
    await (await import("./lib/observability/error-tracking")).reportRequestError(error, request, context);
}
