import "server-only";
import { embeddedDataDir, lockEmbeddedDatabase } from "./embedded-lock";

// Server start-up (Node runtime), called once from instrumentation.ts: validate the environment (a bad deploy
// stops here, naming each bad variable, instead of answering 500s), take the embedded database's lock (a second
// process on it stops here too), install graceful shutdown, and start the email retry loop. Nothing here loads
// the database client or the password estimator (about 70 MB of dictionaries, built on first use): a server that
// has had no request stays small.
export async function boot(): Promise<void> {
  try {
    const { env } = await import("./env");
    // The embedded database serves one process: a second server on its folder stops here, before serving anything.
    const dataDir = process.env.NEXT_PHASE === "phase-production-build" ? null : embeddedDataDir(env.DATABASE_URL);
    if (dataDir) lockEmbeddedDatabase(dataDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("./shutdown");
  installShutdownHandlers();
  const { startEmailRetryLoop } = await import("./email/retry-loop");
  startEmailRetryLoop();
}
