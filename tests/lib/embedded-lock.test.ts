import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedDataDir, lockEmbeddedDatabase } from "@/lib/embedded-lock";

// The embedded database's one-process lock (servers take it at start-up); tests/scale-out starts real servers on it.

const folders: string[] = [];
function dataDir(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), "embedded-lock-"));
  folders.push(parent);
  return path.join(parent, "pglite");
}

/** A process that is alive for the test's length, to hold a lock; and its end. */
async function otherProcess(): Promise<{ pid: number; end: () => Promise<void> }> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
  await new Promise((resolve) => child.once("spawn", resolve));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    pid: child.pid!,
    end: async () => {
      child.kill();
      await exited;
    },
  };
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("embeddedDataDir", () => {
  it("names the folder of an embedded database, and nothing for PostgreSQL or memory", () => {
    expect(embeddedDataDir("pglite:.data/pglite")).toBe(path.resolve(".data/pglite"));
    expect(embeddedDataDir("pglite:memory")).toBeNull();
    expect(embeddedDataDir("postgres://db/app")).toBeNull();
  });
});

describe("lockEmbeddedDatabase", () => {
  it("writes this process's id beside the folder, again for the same process, and removes it on release", () => {
    const dir = dataDir();
    const release = lockEmbeddedDatabase(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    expect(() => lockEmbeddedDatabase(dir)).not.toThrow();
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses while another live process holds it, naming that process and PostgreSQL as the way to several", async () => {
    const dir = dataDir();
    const other = await otherProcess();
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => lockEmbeddedDatabase(dir)).toThrow(`is already open in another process (pid ${other.pid})`);
      expect(() => lockEmbeddedDatabase(dir)).toThrow("DATABASE_URL=postgres://");
      expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(other.pid));
    } finally {
      await other.end();
    }
  });

  it("takes over a lock whose process is gone, or that names no process", async () => {
    const dir = dataDir();
    const gone = await otherProcess();
    await gone.end();
    for (const stale of [String(gone.pid), "", "not a pid"]) {
      writeFileSync(`${dir}.lock`, stale);
      const release = lockEmbeddedDatabase(dir);
      expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
      release();
    }
  });

  it("leaves another process's lock alone when releasing", async () => {
    const dir = dataDir();
    const release = lockEmbeddedDatabase(dir);
    writeFileSync(`${dir}.lock`, "12345678");
    release();
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe("12345678");
  });
});
