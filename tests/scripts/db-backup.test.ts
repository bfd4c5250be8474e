import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pgliteOptions } from "@/lib/db-connection";
import { seedData } from "../helpers/backup-databases";

// The commands as a production release job and an operator run them: db:migrate backs up first unless told not
// to, db:restore refuses a database that holds data with exit code 2. They run from a copy of the project's
// prisma/ folder with one migration more (the scripts read prisma/ from the working directory).

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), "cornerstone-db-backup-"));
const project = path.join(scratch, "project");
const backups = path.join(scratch, "backups");
const folder = path.join(scratch, "db");
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `pglite:${folder}`,
  APP_URL: "https://cornerstone.test",
  AUTH_SECRET: "a".repeat(40),
  PASSWORD_PEPPER: "b".repeat(40),
  DATA_ENCRYPTION_KEY: "c".repeat(40),
  API_JWT_SECRET: "d".repeat(40),
  BACKUP_DIR: backups,
  LOG_LEVEL: "silent",
};

function db(...args: string[]) {
  // The project's own tsx: npx, run from the copy, would look for one there.
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--tsconfig", path.join(root, "tsconfig.json"), "--conditions=react-server", path.join(root, "scripts/db.ts"), ...args],
    { cwd: project, env: childEnv, encoding: "utf8", timeout: 180_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function addMigration(name: string): void {
  mkdirSync(path.join(project, "prisma", "migrations", name));
  writeFileSync(path.join(project, "prisma", "migrations", name, "migration.sql"), `CREATE TABLE "${name.slice(15)}" ("id" INTEGER);\n`);
}

beforeAll(async () => {
  cpSync(path.join(root, "prisma"), path.join(project, "prisma"), { recursive: true });
  await new PGlite(folder, { ...pgliteOptions, loadDataDir: new Blob([readFileSync(inject("pgliteTemplate")!)]) }).close();
  await seedData(`pglite:${folder}`);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run db:migrate in production, and db:restore", { timeout: 300_000 }, () => {
  it("backs up before applying a migration, not with --no-backup, and refuses a misspelt option", () => {
    addMigration("29990101000000_probe_one");
    const first = db("migrate");
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/Backed up pglite:.* first: .*pglite-db-\d{8}T\d{9}Z\.pglite\.tar\.gz \(verified, \d+ rows\)/);
    expect(first.output).toMatch(/Applied 29990101000000_probe_one/);
    expect(readdirSync(backups)).toHaveLength(2); // the dump and its checksum

    addMigration("29990102000000_probe_two");
    const second = db("migrate", "--no-backup");
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/Applied 29990102000000_probe_two/);
    expect(second.output).not.toMatch(/Backed up/);
    expect(readdirSync(backups)).toHaveLength(2);

    const misspelt = db("migrate", "--no-bakup");
    expect(misspelt.status).toBe(2);
    expect(misspelt.output).toMatch(/unknown option --no-bakup/);
  });

  it("refuses to restore over a database that holds data without --force: exit code 2", () => {
    const [file] = readdirSync(backups).filter((name) => name.endsWith(".pglite.tar.gz"));
    const refused = db("restore", path.join(backups, file!));
    expect(refused.status, refused.output).toBe(2);
    expect(refused.output).toMatch(/is not empty \(\d+ tables\): restore into a new folder, or add --force/);
  });
});
