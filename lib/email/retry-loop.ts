import "server-only";
import { log } from "@/lib/log";

// Started once per process by lib/boot.ts. It imports nothing that reaches the database: a server that has had
// no request keeps the Prisma client and its database (about 80 MB with PGlite) unloaded. A tick retries only once this process has
// opened the database (lib/db.ts keeps its client on globalThis.appDb); until then nothing here can have
// queued a message, and one left by an earlier process waits for the first request.

const shared = globalThis as unknown as { appDb?: unknown; emailRetryLoop?: NodeJS.Timeout };

const databaseOpened = (): boolean => shared.appDb !== undefined;

/** One tick: delivers what is due, or does nothing (and loads nothing) while the database is unopened. */
export async function retryDueEmails(opened: () => boolean = databaseOpened): Promise<number | null> {
  if (!opened()) return null;
  const { drainOutbox } = await import("./bulk");
  return drainOutbox();
}

export function startEmailRetryLoop(intervalMs = 60_000): void {
  if (shared.emailRetryLoop) return;
  shared.emailRetryLoop = setInterval(() => {
    retryDueEmails().catch((error: unknown) => log.error({ err: error }, "email: retry loop failed"));
  }, intervalMs);
  shared.emailRetryLoop.unref();
}
