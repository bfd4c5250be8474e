import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// ERROR_TRACKING_DSN: Next's onRequestError (instrumentation.ts) posts each request error to a Sentry-compatible
// service, here a local stand-in. What reaches it is scrubbed: no cookie, no authorization header, no query
// value, no password or token inside the message. (Without a DSN nothing is loaded: startup.test.ts.)

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
const standIn = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    received.push({ path: request.url ?? "", headers: request.headers, body });
    response.writeHead(200, { "content-type": "application/json" }).end('{"id":"x"}');
  });
});
let dsn = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  dsn = `http://publickey123@127.0.0.1:${(standIn.address() as AddressInfo).port}/errors/42`;
  process.env.NEXT_RUNTIME = "nodejs";
});
afterAll(() => new Promise<void>((resolve) => standIn.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

async function instrumentationWith(value: string | undefined) {
  if (value === undefined) delete process.env.ERROR_TRACKING_DSN;
  else process.env.ERROR_TRACKING_DSN = value;
  vi.resetModules();
  return import("@/instrumentation");
}

const failingRequest = {
  path: "/reset-password?token=sEcReTtOkEn123&step=2",
  method: "POST",
  headers: {
    cookie: "session=cookie-value-that-must-not-leave",
    authorization: "Bearer bearer-value-that-must-not-leave",
    "user-agent": "Test/1.0",
    "x-request-id": "req-123",
    "x-api-key": "api-key-value-that-must-not-leave",
  },
};
const context = { routerKind: "App Router", routePath: "/reset-password", routeType: "action" };

describe("error tracking", () => {
  it("posts a scrubbed event to the DSN's envelope endpoint", async () => {
    const { onRequestError } = await instrumentationWith(dsn);
    const error = new TypeError('could not save: password=hunter2-secret, "token": "tok-secret-1" (Bearer abc.def.ghi)');
    await onRequestError(error, failingRequest, context);

    expect(received).toHaveLength(1);
    const [post] = received;
    expect(post!.path).toBe("/errors/api/42/envelope/");
    expect(post!.headers["content-type"]).toBe("application/x-sentry-envelope");
    expect(post!.headers["x-sentry-auth"]).toContain("sentry_key=publickey123");
    const [header, item, payload] = post!.body.split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(item).toEqual({ type: "event" });
    const event = payload as {
      event_id: string;
      level: string;
      transaction: string;
      tags: Record<string, string>;
      request: { method: string; url: string; headers: Record<string, string> };
      exception: { values: { type: string; value: string; stacktrace: { frames: { filename?: string }[] } }[] };
    };
    expect(header).toMatchObject({ event_id: event.event_id });
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event).toMatchObject({
      level: "error",
      transaction: "/reset-password",
      tags: { route: "/reset-password", route_type: "action" },
    });
    expect(event.request).toEqual({
      method: "POST",
      url: "/reset-password?token=[Filtered]&step=[Filtered]",
      headers: { "user-agent": "Test/1.0", "x-request-id": "req-123" },
    });
    expect(event.exception.values[0]).toMatchObject({ type: "TypeError" });
    expect(event.exception.values[0]!.value).toContain("could not save");
    expect(event.exception.values[0]!.stacktrace.frames.length).toBeGreaterThan(0);
    for (const secret of ["hunter2", "tok-secret-1", "abc.def.ghi", "sEcReTtOkEn123", "cookie-value", "bearer-value", "api-key-value"]) {
      expect(post!.body).not.toContain(secret);
    }
  });

  it("reports a route handler's failure too, which route() answers itself and Next never sees", async () => {
    await instrumentationWith(dsn);
    const { route } = await import("@/lib/http/route");
    const handler = route(async () => {
      throw new Error("lookup failed for secret=abc123");
    });
    const request = new Request("http://localhost/api/v1/things/7?token=zzz999", { headers: { cookie: "session=c00kie" } });
    const response = await handler(request, undefined);
    expect(response.status).toBe(500);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const event = JSON.parse(received[0]!.body.split("\n")[2]!) as { request: { url: string; headers: object }; tags: object };
    expect(event.request).toEqual({ method: "GET", url: "/api/v1/things/7?token=[Filtered]", headers: {} });
    expect(event.tags).toEqual({ route: "/api/v1/things/7", route_type: "route" });
    for (const secret of ["abc123", "zzz999", "c00kie"]) expect(received[0]!.body).not.toContain(secret);
  });

  it("sends at most 30 events a minute, so a failing page cannot flood the service", async () => {
    const { onRequestError } = await instrumentationWith(dsn);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let i = 0; i < 35; i++) await onRequestError(new Error(`boom ${i}`), failingRequest, context);
      expect(received).toHaveLength(30);
      vi.setSystemTime(Date.now() + 61_000);
      await onRequestError(new Error("boom again"), failingRequest, context);
      expect(received).toHaveLength(31);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives up quietly when the service is down", async () => {
    const { onRequestError } = await instrumentationWith("http://publickey123@127.0.0.1:9/1");
    await expect(onRequestError(new Error("boom"), failingRequest, context)).resolves.toBeUndefined();
    expect(received).toHaveLength(0);
  });
});
