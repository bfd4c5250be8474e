import "server-only";
import { log } from "@/lib/log";

// Next's own SIGTERM/SIGINT handler stops accepting connections, waits for in-flight requests to finish,
// then calls process.exit. We need one more step at that exact moment: close the database pool (and flush
// PGlite to disk). Next offers no hook there, so we run our cleanup inside its final process.exit call.
const state = { draining: false };
const CLOSE_TIMEOUT_MS = 10_000;

export function isDraining(): boolean {
  return state.draining;
}

export function installShutdownHandlers(): void {
  const globalForShutdown = globalThis as unknown as { appShutdownInstalled?: boolean };
  if (globalForShutdown.appShutdownInstalled) return;
  globalForShutdown.appShutdownInstalled = true;

  const onSignal = (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    log.info({ signal }, "shutdown: draining in-flight requests");
    const exit = process.exit.bind(process);
    process.exit = ((code?: number) => {
      const timer = setTimeout(() => exit(code), CLOSE_TIMEOUT_MS);
      // Imported here, not at the top: start-up (lib/boot.ts) must not load the database client.
      import("@/lib/db")
        .then(({ closeDb }) => closeDb())
        .then(() => log.info("shutdown: database closed"))
        .catch((error: unknown) => log.error({ err: error }, "shutdown: closing the database failed"))
        .finally(() => {
          clearTimeout(timer);
          log.flush();
          exit(code);
        });
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
