import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

// The few catalogue queries backups need, on PostgreSQL (node-postgres) and on the embedded PGlite alike. They run
// outside Prisma on purpose: a backup covers every table in the database, whatever the Prisma schema says.

export type SqlRunner = { query<T>(sql: string): Promise<T[]> };

export const pgRunner = (client: pg.ClientBase): SqlRunner => ({
  query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
});

export const pgliteRunner = (db: PGlite): SqlRunner => ({
  query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
});

/** `schema.table`, each part quoted as an identifier. */
type TableName = string;
/** Rows per table. */
export type RowCounts = Record<TableName, number>;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every table that holds the application's data: ordinary and partitioned tables outside the system schemas,
 * leaving out those an extension owns (it recreates them itself). Sorted, so two databases compare in order.
 */
export async function userTables(runner: SqlRunner): Promise<TableName[]> {
  const rows = await runner.query<{ schema: string; name: string }>(`
    SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1, 2`);
  return rows.map((row) => `${quoteIdent(row.schema)}.${quoteIdent(row.name)}`);
}

export async function rowCounts(runner: SqlRunner): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const table of await userTables(runner)) {
    const [row] = await runner.query<{ n: string | number | bigint }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

/** What differs between the counts read from a source and from its restored copy, in words; empty when they agree. */
export function countDifferences(expected: RowCounts, actual: RowCounts): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.flatMap((table) => {
    if (!(table in actual)) return [`${table} is missing from the restored copy`];
    if (!(table in expected)) return [`${table} is in the restored copy but not in the source`];
    return expected[table] === actual[table] ? [] : [`${table} has ${actual[table]} rows, the source ${expected[table]}`];
  });
}

export const totalRows = (counts: RowCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
