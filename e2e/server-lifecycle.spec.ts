import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { serverEnv } from "../playwright.config";
import { prepareDatabase, startServer, waitUntilLive } from "./own-server";

test("production refuses to start without its secrets, naming the missing variable", async () => {
  const server = startServer(3197, { ...serverEnv, AUTH_SECRET: "" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain("AUTH_SECRET: required in production");
});

test("with HTTPS enforced, plain HTTP is redirected while health probes still answer", async () => {
  const port = 3198;
  // Its own embedded folder (never opened: nothing here reads data): the shared server holds the e2e database's.
  const server = startServer(port, {
    ...serverEnv,
    DATABASE_URL: "pglite:.data/e2e-https",
    FORCE_HTTPS: "true",
    APP_URL: "https://app.example",
  });
  try {
    await waitUntilLive(port);
    // The configured public URL names the host: a forged Host header cannot steer the redirect elsewhere.
    const plain = await fetch(`http://127.0.0.1:${port}/status?x=1`, { redirect: "manual", headers: { host: "evil.example" } });
    expect(plain.status).toBe(308);
    expect(plain.headers.get("location")).toBe("https://app.example/status?x=1");
    // An API call is refused, not redirected: its credentials must not be sent a second time.
    const api = await fetch(`http://127.0.0.1:${port}/api/v1/projects`, { redirect: "manual" });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: "https_required" });
    const behindTls = await fetch(`http://127.0.0.1:${port}/api/health/live`, { headers: { "x-forwarded-proto": "https" } });
    expect(behindTls.status).toBe(200);
  } finally {
    server.process.kill("SIGTERM");
    await server.exited;
  }
});

test("SIGTERM lets the in-flight request finish, then closes the database and exits", async () => {
  test.setTimeout(90_000);
  const port = 3199;
  const dataDir = ".data/e2e-shutdown";
  const env = { ...serverEnv, DATABASE_URL: `pglite:${dataDir}`, LOG_LEVEL: "info" };
  prepareDatabase(dataDir, env);

  const server = startServer(port, env);
  await waitUntilLive(port);

  // The first database request opens the embedded database, which takes long enough to be caught mid-flight.
  const inFlight = fetch(`http://127.0.0.1:${port}/status`).then(async (response) => ({
    status: response.status,
    body: await response.text(),
  }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  server.process.kill("SIGTERM");

  const finished = await inFlight;
  expect(finished.status).toBe(200);
  expect(finished.body).toContain("All systems operational.");
  expect(await server.exited).not.toBeNull();
  const output = server.output();
  expect(output).toContain("shutdown: draining in-flight requests");
  expect(output).toContain("shutdown: database closed");
  expect(output.indexOf("draining")).toBeLessThan(output.indexOf("database closed"));
  // The embedded database released its lock: it was closed, not abandoned.
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
});
