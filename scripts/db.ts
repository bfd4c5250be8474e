// Database commands: npm run db:migrate | db:migration -- <name> | db:seed | db:check | db:backup | db:restore, and
// `setup` (migrate + seed, run before `next dev`). Runs outside Next, so it opens its own connection and closes it.
// Demo users (published passwords) only with an explicit `-- --demo`: a release job that forgets a variable
// must not put them in production. The first real administrator comes from `npm run admin:create`.
import "./load-env";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/generated/prisma/client";
import { BackupError, createBackup, restoreBackup } from "@/lib/backup";
import { migrateDatabase } from "@/lib/backup/migrate";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";
import { migrationsDir, pendingSchemaChange } from "@/lib/migrations";
import { seed } from "@/lib/seed";
import { systemConfig } from "@/system.config";
import { system } from "@/modules";

/** The options a command was given, refusing any it does not take: a misspelt flag must not fall back to a default. */
function options(args: string[], allowed: string[], takesFiles = false) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--") && takesFiles) positional.push(arg);
    else if (!allowed.includes(arg)) throw new BackupError(`unknown option ${arg}; this command takes ${allowed.join(", ") || "none"}`, 2);
    else if (arg === "--to") {
      const value = args[++i];
      if (!value || value.startsWith("--")) throw new BackupError("--to needs a database URL (postgres://… or pglite:<folder>)", 2);
      values.set(arg, value);
    } else flags.add(arg);
  }
  return { flags, positional, values };
}

const backupOptions = () => ({ dir: env.BACKUP_DIR, keep: env.BACKUP_KEEP });

async function migrate(args: string[]): Promise<void> {
  const { flags } = options(args, ["--no-backup"]);
  // Production backs up before changing the schema; development databases are disposable.
  const backUp = env.NODE_ENV === "production" && env.BACKUP_BEFORE_MIGRATE && !flags.has("--no-backup");
  const result = await migrateDatabase(env.DATABASE_URL, {
    backup: backUp ? backupOptions() : null,
    lockTimeoutMs: env.MIGRATION_LOCK_TIMEOUT_MS,
  });
  if (result.backup) console.log(`Backed up ${result.label} first: ${result.backup.file} (verified, ${result.backup.rows} rows)`);
  console.log(result.applied.length ? `Applied ${result.applied.join(", ")} to ${result.label}` : `${result.label} is up to date`);
}

async function backup(args: string[]): Promise<void> {
  options(args, []);
  const started = performance.now();
  const result = await createBackup(env.DATABASE_URL, backupOptions());
  const tables = Object.keys(result.counts).length;
  console.log(`Backed up to ${result.file}`);
  console.log(`  verified: restored into a scratch database, ${tables} tables and ${result.rows} rows match the source`);
  console.log(`  sha256 ${result.sha256} (in ${path.basename(result.file)}.sha256)`);
  if (result.pruned.length)
    console.log(`  removed ${result.pruned.length} older: ${result.pruned.map((f) => path.basename(f)).join(", ")}`);
  console.log(`  ${Math.round(performance.now() - started)} ms; keeping the newest ${env.BACKUP_KEEP}`);
}

async function restore(args: string[]): Promise<void> {
  const { flags, positional, values } = options(args, ["--force", "--to"], true);
  const [file, ...extra] = positional;
  if (!file || extra.length) throw new BackupError("usage: npm run db:restore -- <backup file> [--to <database url>] [--force]", 2);
  const result = await restoreBackup(file, values.get("--to") ?? env.DATABASE_URL, { force: flags.has("--force") });
  console.log(`Restored ${path.basename(file)} (sha256 checked) into ${result.created ? "new " : ""}${result.target}`);
  console.log(`  ${Object.keys(result.counts).length} tables, ${result.rows} rows`);
}

async function runSeed(demo: boolean): Promise<void> {
  const connection = openConnection(env.DATABASE_URL);
  const client = new PrismaClient({ adapter: connection.factory });
  try {
    const report = await seed(client, system, { demoUsers: demo });
    console.log(`Seeded ${connection.label}: roles created: ${report.roles.created.join(", ") || "none (all present)"}`);
    if (report.permissions.created.length) console.log(`  permissions added: ${report.permissions.created.join(", ")}`);
    if (report.permissions.removed.length)
      console.log(`  permissions no longer declared, removed: ${report.permissions.removed.join(", ")}`);
    if (report.users.length) {
      console.log(`\nDemo logins for ${systemConfig.name} at ${systemConfig.url}`);
      for (const user of report.users)
        console.log(
          `  ${user.email.padEnd(20)} ${user.password}${user.created ? "" : "   (existing account; password as seeded unless changed)"}`,
        );
      console.log("");
    }
  } finally {
    await client.$disconnect();
    await connection.close();
  }
}

async function createMigration(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <name in snake_case>");
  const sql = await pendingSchemaChange();
  if (!sql) {
    console.log("prisma/schema/ and the migrations agree: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then npm run db:migrate`);
}

async function check(): Promise<void> {
  const sql = await pendingSchemaChange();
  if (sql) throw new Error(`prisma/schema/ has changes no migration holds. Run npm run db:migration -- <name>:\n${sql}`);
  console.log("prisma/schema/ and prisma/migrations agree.");
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate,
  seed: async (args) => runSeed(options(args, ["--demo"]).flags.has("--demo")),
  setup: async (args) => {
    const demo = options(args, ["--demo", "--no-backup"]).flags.has("--demo");
    await migrate(args.filter((arg) => arg !== "--demo"));
    await runSeed(demo);
  },
  "create-migration": async ([name]) => createMigration(name),
  check,
  backup,
  restore,
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: tsx scripts/db.ts <${Object.keys(commands).join("|")}>`);
  process.exit(2);
}
run(args).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof BackupError ? error.exitCode : 1);
});
