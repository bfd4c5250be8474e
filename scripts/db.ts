// Database commands: npm run db:migrate | db:migration -- <name> | db:seed | db:check, and `setup`
// (migrate + seed, run before `next dev`). Runs outside Next, so it opens its own connection and closes it.
// Demo users (published passwords) only with an explicit `-- --demo`: a release job that forgets a variable
// must not put them in production. The first real administrator comes from `npm run admin:create`.
import "./load-env";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/generated/prisma/client";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";
import { applyMigrations, migrationsDir, pendingSchemaChange } from "@/lib/migrations";
import { seed } from "@/lib/seed";
import { systemConfig } from "@/system.config";
import { system } from "@/modules";

async function migrate(): Promise<void> {
  const connection = openConnection(env.DATABASE_URL);
  try {
    const applied = await applyMigrations(connection.factory);
    console.log(applied.length ? `Applied ${applied.join(", ")} to ${connection.label}` : `${connection.label} is up to date`);
  } finally {
    await connection.close();
  }
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

function demoFlag(arg: string | undefined): boolean {
  if (arg === undefined) return false;
  if (arg === "--demo") return true;
  throw new Error(`unknown option ${arg}; the only one is --demo (adds the demo users)`);
}

async function check(): Promise<void> {
  const sql = await pendingSchemaChange();
  if (sql) throw new Error(`prisma/schema/ has changes no migration holds. Run npm run db:migration -- <name>:\n${sql}`);
  console.log("prisma/schema/ and prisma/migrations agree.");
}

const commands: Record<string, (arg?: string) => Promise<void>> = {
  migrate,
  seed: async (arg) => runSeed(demoFlag(arg)),
  setup: async (arg) => {
    const demo = demoFlag(arg);
    await migrate();
    await runSeed(demo);
  },
  "create-migration": createMigration,
  check,
};

const [command, arg] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: tsx scripts/db.ts <${Object.keys(commands).join("|")}>`);
  process.exit(2);
}
run(arg).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
