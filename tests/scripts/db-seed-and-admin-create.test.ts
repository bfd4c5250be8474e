import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { openConnection } from "@/lib/db-connection";

// The commands as a release job runs them, on a throwaway embedded database, with NODE_ENV left at its
// default (development): demo users only on --demo; the first administrator from admin:create.

const folder = mkdtempSync(path.join(tmpdir(), "cornerstone-seed-"));
const secret = "x".repeat(40);
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "development",
  DATABASE_URL: `pglite:${folder}`,
  AUTH_SECRET: secret,
  PASSWORD_PEPPER: secret,
  DATA_ENCRYPTION_KEY: secret,
  LOG_LEVEL: "silent",
};

function run(script: string, args: string[], input = "") {
  const result = spawnSync("npx", ["tsx", "--conditions=react-server", script, ...args], {
    env: childEnv,
    input,
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function users() {
  const connection = openConnection(`pglite:${folder}`);
  const client = new PrismaClient({ adapter: connection.factory });
  try {
    return await client.user.findMany({
      select: { email: true, emailVerified: true, roles: { select: { role: { select: { name: true } } } } },
    });
  } finally {
    await client.$disconnect();
    await connection.close();
  }
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("npm run db:setup and npm run admin:create", { timeout: 600_000 }, () => {
  it("seeds no demo users without --demo, even when NODE_ENV is not production", async () => {
    const setup = run("scripts/db.ts", ["setup"]);
    expect(setup.status, setup.output).toBe(0);
    expect(setup.output).not.toMatch(/Demo logins/);
    expect(await users()).toEqual([]);
    expect(run("scripts/db.ts", ["seed", "--demos"]).status).not.toBe(0); // a misspelt flag is an error, not a default
  });

  it("creates the first administrator from a password read on stdin, once", async () => {
    const args = ["--email", "Grace@Example.com", "--first-name", "Grace", "--last-name", "Hopper"];
    const weak = run("scripts/admin-create.ts", args, "password1234567\n");
    expect(weak.status).toBe(1);
    expect(weak.output).toMatch(/Nothing was changed:\n.*commonly used password/);
    expect(await users()).toEqual([]);

    const created = run("scripts/admin-create.ts", args, "granite meadow whistles softly\n");
    expect(created.status, created.output).toBe(0);
    expect(created.output).toMatch(/Created the administrator[\s\S]*Two-factor sign-in is set up at the first sign-in/);
    const again = run("scripts/admin-create.ts", ["--email", "grace@example.com"]);
    expect(again.status, again.output).toBe(0);
    expect(again.output).toMatch(/Already an administrator/);

    const [admin, ...others] = await users();
    expect(others).toEqual([]);
    expect(admin).toMatchObject({ email: "grace@example.com", emailVerified: expect.any(Date) });
    expect(admin!.roles.map((link) => link.role.name).sort()).toEqual(["admin", "user"]);
  });
});
