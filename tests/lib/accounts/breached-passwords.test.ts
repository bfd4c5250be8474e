import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The optional breach check against a local stand-in for the range API (the real one is not reachable here).

const breached = "lantern orbit quietly 2024";
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex").toUpperCase();
const requested: string[] = [];
let mode: "answer" | "error" | "hang" = "answer";

const server: Server = createServer((request, response) => {
  requested.push(request.url ?? "");
  if (mode === "hang") return; // never answers: the client's timeout must end the wait
  if (mode === "error") return void response.writeHead(503).end();
  const prefix = (request.url ?? "").split("/").pop()!;
  const lines = [`${"0".repeat(35)}:3`, `${"F".repeat(35)}:0`];
  if (sha1(breached).startsWith(prefix)) lines.push(`${sha1(breached).slice(5)}:42`);
  response.writeHead(200, { "Content-Type": "text/plain" }).end(lines.join("\r\n"));
});

type Policy = typeof import("@/lib/accounts/password-policy");
let policy: Policy;
let warn: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.PASSWORD_BREACH_CHECK = "true";
  process.env.PASSWORD_BREACH_CHECK_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`;
  vi.resetModules();
  policy = await import("@/lib/accounts/password-policy");
  const { log } = await import("@/lib/log");
  warn = vi.spyOn(log, "warn");
});

afterAll(async () => {
  delete process.env.PASSWORD_BREACH_CHECK;
  delete process.env.PASSWORD_BREACH_CHECK_URL;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("breached-password check (PASSWORD_BREACH_CHECK=true)", () => {
  it("refuses a password in the breach list, sending only the first five hex digits of its SHA-1", async () => {
    requested.length = 0;
    expect(await policy.passwordProblems(breached)).toEqual([expect.stringMatching(/appeared in a data breach/)]);
    expect(requested).toEqual([`/range/${sha1(breached).slice(0, 5)}`]);
  });

  it("accepts a strong password the list does not hold, and ignores padding entries (count 0)", async () => {
    expect(await policy.passwordProblems("copper kettle sings at dawn")).toEqual([]);
  });

  it("fails open with a warning when the service errors or does not answer in time", async () => {
    for (const failure of ["error", "hang"] as const) {
      mode = failure;
      warn.mockClear();
      expect(await policy.passwordProblems(breached), failure).toEqual([]);
      expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/breach check unavailable/));
    }
    mode = "answer";
  });
});
