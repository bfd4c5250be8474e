import "server-only";
import { after } from "next/server";
import { log } from "@/lib/log";

/**
 * Runs work once the response has gone out (next/server's after()), so it neither slows the request nor
 * changes how long the answer takes; outside a request (scripts, tests) it starts at once, unawaited.
 */
export function runAfterResponse(label: string, task: () => Promise<unknown>): void {
  const safe = () => task().catch((error: unknown) => log.error({ err: error, task: label }, "background task failed"));
  try {
    after(safe);
  } catch {
    void safe();
  }
}
