import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deploymentEnv, startServerProcess, stopServerProcess, waitUntilLive, type ServerProcess } from "./cluster";

// The embedded database (PGlite) lives in one process: a second server process on its folder must stop at start-up
// with a message that points to PostgreSQL, rather than start and corrupt the data or fail request by request.

const port = Number(process.env.SCALE_OUT_PORT ?? 3173) + 1;
const dataDir = path.join(os.tmpdir(), `cornerstone-scale-out-pglite-${process.pid}`);
const env = deploymentEnv(`pglite:${dataDir}`, `http://127.0.0.1:${port}`, "http://127.0.0.1:9");
const started: ServerProcess[] = [];

describe("the embedded database with more than one server process", () => {
  afterAll(async () => {
    await Promise.all(started.map(stopServerProcess));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.lock`, { force: true });
  });

  it("refuses the second process with a clear error, and leaves the first serving", async () => {
    const first = startServerProcess("first", port, env);
    started.push(first);
    await waitUntilLive(first);

    const second = startServerProcess("second", port + 1, env);
    started.push(second);
    const stillRunning = new Promise((resolve) => setTimeout(() => resolve("still running after 30 s"), 30_000).unref());
    expect(await Promise.race([second.exited, stillRunning])).toBe(1);
    expect(second.output()).toContain(`The embedded database ${dataDir} is already open in another process (pid ${first.child.pid})`);
    expect(second.output()).toContain("DATABASE_URL=postgres://");
    expect((await fetch(`${first.base}/api/health/live`)).status).toBe(200);

    // Once the first has stopped, its lock is gone and another process may take the folder.
    await stopServerProcess(first);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const third = startServerProcess("third", port + 1, env);
    started.push(third);
    await waitUntilLive(third);
  });
});
