import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { serverEnv } from "../playwright.config";

// A server of its own, so stopping it leaves the shared one alone: SIGTERM while a request is in flight.
const port = 3199;
const dataDir = ".data/e2e-shutdown";

test("SIGTERM lets the in-flight request finish, then closes the database and exits", async () => {
  test.setTimeout(90_000);
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv, DATABASE_URL: `pglite:${dataDir}`, NODE_ENV: "production", LOG_LEVEL: "info" };
  const migrated = spawnSync("npm", ["run", "db:migrate", "--silent"], { env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);

  const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));

  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health/live`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);

  // The first database request opens the embedded database, which takes long enough to be caught mid-flight.
  const inFlight = fetch(`http://127.0.0.1:${port}/status`).then(async (response) => ({ status: response.status, body: await response.text() }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  server.kill("SIGTERM");

  const finished = await inFlight;
  expect(finished.status).toBe(200);
  expect(finished.body).toContain("All systems operational.");
  expect(await exited).not.toBeNull();
  expect(output).toContain("shutdown: draining in-flight requests");
  expect(output).toContain("shutdown: database closed");
  expect(output.indexOf("draining")).toBeLessThan(output.indexOf("database closed"));
  // The embedded database released its lock: it was closed, not abandoned.
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
});
