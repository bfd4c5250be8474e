// Runs once when the server starts: validate the environment (a bad deploy fails here, naming each bad
// variable) and install graceful shutdown. Errors in rendering and handlers are logged with the request id.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/env");
  const { installShutdownHandlers } = await import("./lib/shutdown");
  installShutdownHandlers();
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
}
