import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as forward, type Server } from "node:http";

// Two production server processes (server.mjs on the `.next` build, as `npm start` runs it) on one database, behind a
// round-robin front like a load balancer without sticky sessions, and a stand-in for the email provider that counts
// what each message's idempotency key was sent with.

export type ServerProcess = { name: string; base: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };

const secret = () => randomBytes(32).toString("base64url");

/** Every process of one deployment shares these: the secrets above all (cookies, JWTs and stored secrets cross processes). */
export function deploymentEnv(databaseUrl: string, frontUrl: string, mailUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    APP_URL: frontUrl,
    FORCE_HTTPS: "false",
    LOG_LEVEL: "warn",
    AUTH_SECRET: secret(),
    PASSWORD_PEPPER: secret(),
    DATA_ENCRYPTION_KEY: secret(),
    API_JWT_SECRET: secret(),
    CRON_SECRET: secret(),
    // The front is the one trusted proxy; each scenario states its own client address in X-Forwarded-For.
    TRUST_PROXY_HOPS: "1",
    // Low enough to cross in a few calls, so a per-process counter (twice the limit) would show.
    API_RATE_LIMIT_PER_MINUTE: "12",
    RESEND_API_KEY: "re_scale_out_stand_in",
    RESEND_BASE_URL: mailUrl,
  };
}

export function startServerProcess(name: string, port: number, env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, ["server.mjs"], { env: { ...env, PORT: String(port) } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, base: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

export async function waitUntilLive(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${server.name} exited with ${exitCode}:\n${server.output()}`);
    const response = await fetch(`${server.base}/api/health/live`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.name} did not start within ${timeoutMs} ms:\n${server.output()}`);
}

export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
  await server.exited;
}

export type Front = { base: string; close(): Promise<void> };

/**
 * Round robin, request by request (not connection by connection): consecutive calls land on alternate processes, and
 * each answer says which (X-Served-By). Headers pass as they came: the test plays the client's address as the front saw it.
 */
export async function startFront(port: number, upstreams: ServerProcess[]): Promise<Front> {
  let next = 0;
  const server: Server = createServer((request, response) => {
    const upstream = upstreams[next++ % upstreams.length]!;
    const { port: upstreamPort } = new URL(upstream.base);
    const proxied = forward(
      { host: "127.0.0.1", port: upstreamPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": upstream.name });
        answer.pipe(response);
      },
    );
    proxied.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailStandIn = { base: string; requestsByKey: Map<string, number>; close(): Promise<void> };

/** Resend's POST /emails, answering after `delayMs` so that deliveries from two processes overlap. */
export async function startMailStandIn(delayMs = 10): Promise<MailStandIn> {
  const requestsByKey = new Map<string, number>();
  let sent = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const key = String(request.headers["idempotency-key"] ?? "");
      requestsByKey.set(key, (requestsByKey.get(key) ?? 0) + 1);
      setTimeout(
        () => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `re_${++sent}` })),
        delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  server.unref();
  return {
    base: `http://127.0.0.1:${port}`,
    requestsByKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A script of this checkout (scripts/db.ts …) in its own process, as `npm run` starts it. */
export function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", ...args], { env });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

export type Answer = { status: number; body: Record<string, unknown>; headers: Headers; servedBy: string | null };

type CallOptions = { bearer?: string; body?: unknown; ip: string; cookie?: string; headers?: Record<string, string> };

/** One HTTP call, as a program makes it: JSON in and out, a client address stated by the (trusted) front. */
export async function call(base: string, method: string, path: string, options: CallOptions): Promise<Answer> {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip, ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    redirect: "manual",
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: response.status, body, headers: response.headers, servedBy: response.headers.get("x-served-by") };
}
