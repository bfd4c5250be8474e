import { openConnection } from "@/lib/db-connection";
import { applyMigrations } from "@/lib/migrations";

// A shared PostgreSQL test database is migrated once, before any file runs (files run in parallel and
// would queue on Prisma's migration lock). Each in-memory PGlite is migrated by its own file instead.
export default async function migrateSharedTestDatabase(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const connection = openConnection(url);
  try {
    await applyMigrations(connection.factory);
  } finally {
    await connection.close();
  }
}
