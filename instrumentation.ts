// Runs once when the server starts: validate the environment (a bad deploy stops here, naming each bad
// variable, instead of answering 500s) and install graceful shutdown. Request errors are logged with the
// request id.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    await import("./lib/env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("./lib/shutdown");
  installShutdownHandlers();
  const { startEmailRetryLoop } = await import("./lib/email");
  startEmailRetryLoop();
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
