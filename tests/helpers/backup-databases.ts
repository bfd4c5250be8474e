import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { pgliteRunner, pgRunner, quoteIdent, userTables, type SqlRunner } from "@/lib/backup/sql";
import { openConnection, pgliteOptions } from "@/lib/db-connection";
import { applyMigrations } from "@/lib/migrations";
import { seed } from "@/lib/seed";
import { system } from "@/modules";

// Databases of their own for the backup tests, of the kind the suite runs on: new PostgreSQL databases on the server
// TEST_DATABASE_URL names (its role needs CREATEDB, as backups do), or embedded folders. A backup test wipes and
// replaces whole databases, which the shared test database must never be.

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const folders: string[] = [];

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(process.env.TEST_DATABASE_URL);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL of a database that does not exist yet (a new PostgreSQL database name, or an unused folder). */
export function newDatabaseUrl(label: string): string {
  if (onPostgres) {
    const base = new URL(process.env.TEST_DATABASE_URL!).pathname.slice(1).slice(0, 30);
    return serverUrl(`${base}_${label}_${randomBytes(3).toString("hex")}`.toLowerCase());
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), `cornerstone-backup-${label}-`));
  folders.push(parent);
  return `pglite:${path.join(parent, "db")}`;
}

/** A new database at the latest migration: PostgreSQL migrated afresh; an embedded folder from the migrated template. */
export async function newMigratedDatabase(label: string): Promise<string> {
  const url = newDatabaseUrl(label);
  if (onPostgres) {
    const name = new URL(url).pathname.slice(1);
    await withServer((client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
    const connection = openConnection(url);
    try {
      await applyMigrations(connection.factory);
    } finally {
      await connection.close();
    }
  } else {
    const template = readFileSync(inject("pgliteTemplate")!);
    await new PGlite(url.slice("pglite:".length), { ...pgliteOptions, loadDataDir: new Blob([template]) }).close();
  }
  return url;
}

/** Drops every database and folder these helpers made (the names of PostgreSQL ones passed in). */
export async function dropDatabases(urls: string[]): Promise<void> {
  if (onPostgres) {
    await withServer(async (client) => {
      for (const url of urls) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(new URL(url).pathname.slice(1))} WITH (FORCE)`);
    });
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export async function withRunner<T>(url: string, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  if (url.startsWith("pglite:")) {
    const db = new PGlite(url.slice("pglite:".length), pgliteOptions);
    try {
      return await fn(pgliteRunner(db));
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await fn(pgRunner(client));
  } finally {
    await client.end();
  }
}

/** Every table's row count and a hash of all its rows in a fixed order: equal digests, equal data. */
export function tableDigests(url: string): Promise<Record<string, string>> {
  return withRunner(url, async (runner) => {
    const digests: Record<string, string> = {};
    for (const table of await userTables(runner)) {
      const [row] = await runner.query<{ n: string | number; h: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM ${table} t`,
      );
      digests[table] = `${row!.n} ${row!.h}`;
    }
    return digests;
  });
}

/** The seed's roles and permissions, the demo users, and rows with awkward values (quotes, line breaks, JSON, nulls). */
export async function seedData(url: string): Promise<void> {
  const connection = openConnection(url);
  const client = new PrismaClient({ adapter: connection.factory });
  try {
    await seed(client, system, { demoUsers: true });
    const user = await client.user.create({
      data: {
        email: `zoe-${randomBytes(3).toString("hex")}@example.com`,
        firstName: "Zoë 'Z'",
        lastName: 'Ó "Brien"\nline two',
        dateOfBirth: null,
      },
    });
    await client.auditLog.create({
      data: {
        action: "user.login",
        actorId: user.id,
        details: { note: "tab\there; semicolon; ünïcödé", nested: { list: [1, null, "x"] } },
      },
    });
  } finally {
    await client.$disconnect();
    await connection.close();
  }
}
