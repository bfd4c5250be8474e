import { createHash } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "@/lib/db";

/** Call in an integration test file: its database is migrated (global-setup.ts); it is closed after the file. */
export function useTestDatabase(): void {
  afterAll(async () => {
    await closeDb();
  });
}

/** A value unique to this run, so tests sharing one PostgreSQL database never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Runs `fn` while no other test file on this machine runs one under the same name: for the few tests that need
 * the whole shared PostgreSQL database to themselves for a moment (only one active administrator). A directory is
 * the lock: creating it is atomic, and a stale one (a killed run) is taken over after a minute.
 */
export async function exclusively<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(
    os.tmpdir(),
    `cornerstone-test-lock-${name}-${createHash("sha256")
      .update(process.env.TEST_DATABASE_URL ?? "pglite")
      .digest("hex")
      .slice(0, 12)}`,
  );
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
