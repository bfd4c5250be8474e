import "server-only";
import { embeddedDataDir, lockEmbeddedDatabase } from "./embedded-lock";

// Server start-up (Node runtime), called once from instrumentation.ts: validate the environment (a bad deploy
// stops here, naming each bad variable, instead of answering 500s), take the embedded database's lock (a second
// process on it stops here too), install graceful shutdown, and start the email retry loop. Nothing here loads
// the database client or the password estimator (about 70 MB of dictionaries, built on first use): a server that
// has had no request stays small. Metrics (prom-client) and tracing (@vercel/otel) load only when configured,
// metrics now so that counting starts with the server (and server.mjs finds the recorder to hand request
// durations to).
export async function boot(): Promise<void> {
  let env: typeof import("./env").env;
  try {
    ({ env } = await import("./env"));
    // The embedded database serves one process: a second server on its folder stops here, before serving anything.
    const dataDir = process.env.NEXT_PHASE === "phase-production-build" ? null : embeddedDataDir(env.DATABASE_URL);
    if (dataDir) lockEmbeddedDatabase(dataDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) (await import("./observability/tracing")).startTracing();
  if (env.METRICS_TOKEN || env.METRICS_ALLOW.length) (await import("./observability/registry")).metricsRegistry();
  const { installShutdownHandlers } = await import("./shutdown");
  installShutdownHandlers();
  const { startEmailRetryLoop } = await import("./email/retry-loop");
  startEmailRetryLoop();
}
