// The production entry (`npm start`, the Docker image): Next's request handler behind a plain node:http
// server, in one process. It exists for one reason: only here is the TCP peer's address known, and Next
// itself trusts any X-Forwarded-For a client sends. Before Next sees a request, X-Forwarded-For becomes
//   TRUST_PROXY_HOPS=0: the socket's address alone (whatever the client wrote is dropped);
//   TRUST_PROXY_HOPS=N: the header as received, with the socket's address (the nearest proxy) appended,
// and lib/request-context.ts picks the client N entries left of the socket. Run `next start` instead and
// the app, seeing no flag below, trusts no forwarding header unless TRUST_PROXY_HOPS says proxies wrote it.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { anonymousPageCache } from "./server/anonymous-page-cache.mjs";

// Read by lib/request-context.ts (socketAddressFlag): a process flag that no request can forge.
globalThis[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const dir = dirname(fileURLToPath(import.meta.url));
const port = Number.parseInt(process.env.PORT ?? "", 10) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
// lib/env.ts validates the same variable (0 to 10) at start-up and stops the server on a bad value.
const trustedHops = Number.parseInt(process.env.TRUST_PROXY_HOPS ?? "", 10) || 0;

// Next's standalone output (Docker) has no next.config.ts: it runs on the config captured at build time.
const builtConfig = join(dir, ".next", "required-server-files.json");
if (!existsSync(join(dir, "next.config.ts")) && existsSync(builtConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(builtConfig, "utf8")).config);
}

const { default: next } = await import("next");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// With METRICS_TOKEN or METRICS_ALLOW set (lib/env.ts validates them), each request is timed for /api/metrics
// (server/request-metrics.mjs) and handed to the recorder lib/boot.ts installs when Next registers the app's
// instrumentation. Without them, nothing is loaded and nothing is timed.
const metricsSlot = Symbol.for("app.observability.metrics");
const timeRequest =
  process.env.METRICS_TOKEN || process.env.METRICS_ALLOW
    ? await import("./server/request-metrics.mjs").then(({ requestTimer, routePatternsOfBuild }) =>
        requestTimer(() => globalThis[metricsSlot], routePatternsOfBuild(dir)),
      )
    : null;

function forwardedFor(request) {
  const peer = (request.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const received = trustedHops > 0 ? request.headers["x-forwarded-for"] : undefined;
  return received ? `${received}, ${peer}` : peer;
}

// The pages a visitor without cookies sees are the same for everyone but their nonce: a render is reused for a few
// seconds, each copy with its own nonce (server/anonymous-page-cache.mjs). lib/env.ts validates the variable.
const pageCache = anonymousPageCache({
  paths: ["/", "/login", "/register", "/forgot-password"],
  seconds: Number(process.env.ANONYMOUS_PAGE_CACHE_SECONDS || 10),
});

const server = createServer((request, response) => {
  timeRequest?.(request, response);
  request.headers["x-forwarded-for"] = forwardedFor(request);
  if (pageCache.serve(request, response)) return;
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});

// Graceful stop, as `next start` does it: refuse new connections, let in-flight requests finish, close Next,
// exit with the signal's code. lib/shutdown.ts closes the database inside that final process.exit.
let stopping = false;
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      app
        .close()
        .catch(console.error)
        .finally(() => process.exit(code));
    });
  });
}

server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));
