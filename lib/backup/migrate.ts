import "server-only";
import { openConnection, type Connection } from "@/lib/db-connection";
import { applyMigrations, pendingMigrations } from "@/lib/migrations";
import { createBackup, type BackupOptions, type BackupResult } from "./index";

// db:migrate: in production a verified backup comes first whenever there is something to apply to a database that
// already holds data, so a migration that goes wrong can be undone with db:restore. Each migration then runs with a
// lock timeout (lib/migrations.ts).

type MigrateOptions = {
  /** Where to back up first; null: no backup (development, --no-backup, BACKUP_BEFORE_MIGRATE=false). */
  backup: BackupOptions | null;
  lockTimeoutMs?: number;
  migrationsDir?: string;
};

type MigrateResult = { label: string; applied: string[]; backup: BackupResult | null };

async function withConnection<T>(url: string, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = openConnection(url);
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

export async function migrateDatabase(url: string, options: MigrateOptions): Promise<MigrateResult> {
  // The connection is closed before the backup opens its own: an embedded folder takes one opener at a time.
  const { label, pending, applied } = await withConnection(url, async (connection) => ({
    label: connection.label,
    ...(await pendingMigrations(connection.factory, { migrationsDir: options.migrationsDir })),
  }));
  if (pending.length === 0) return { label, applied: [], backup: null };
  const backup = options.backup && applied > 0 ? await createBackup(url, options.backup) : null;
  const names = await withConnection(url, (connection) =>
    applyMigrations(connection.factory, { migrationsDir: options.migrationsDir, lockTimeoutMs: options.lockTimeoutMs }),
  );
  return { label, applied: names, backup };
}
