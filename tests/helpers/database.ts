import { afterAll, beforeAll } from "vitest";
import { closeDb, dbConnection } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations";

/** Call in an integration test file: migrates its in-memory database first (PostgreSQL: global-setup.ts). */
export function useTestDatabase(): void {
  beforeAll(async () => {
    if (dbConnection().kind === "pglite") await applyMigrations(dbConnection().factory);
  });
  afterAll(async () => {
    await closeDb();
  });
}

/** A value unique to this run, so tests sharing one PostgreSQL database never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
