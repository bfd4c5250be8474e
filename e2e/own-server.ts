import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect } from "@playwright/test";

// Servers of their own for specs that need another configuration, started and stopped by the spec, so the
// shared e2e server is left alone. They run server.mjs, as `npm start` and the Docker image do.

export type OwnServer = { process: ChildProcess; output: () => string; exited: Promise<number | null> };

export function startServer(port: number, env: Record<string, string>): OwnServer {
  const child = spawn("node", ["server.mjs"], {
    env: { ...process.env, ...env, NODE_ENV: "production", HOSTNAME: "127.0.0.1", PORT: String(port) },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

export async function waitUntilLive(port: number): Promise<void> {
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health/live`, { redirect: "manual" }).catch(() => null))?.status, {
      timeout: 30_000,
    })
    .toBe(200);
}

/** A fresh embedded database in `dataDir`, migrated, with the demo accounts when asked. */
export function prepareDatabase(dataDir: string, env: Record<string, string>, { demo = false } = {}): void {
  rmSync(dataDir, { recursive: true, force: true });
  const args = demo ? ["run", "db:setup", "--silent", "--", "--demo"] : ["run", "db:migrate", "--silent"];
  const nodeEnv = demo ? "development" : "production";
  const result = spawnSync("npm", args, {
    env: { ...process.env, ...env, DATABASE_URL: `pglite:${dataDir}`, NODE_ENV: nodeEnv },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
}
