import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { metricsRegistry } from "@/lib/observability/registry";
import { metricsRecorder } from "@/lib/observability/metrics";
import { requestTimer, routePatterns } from "@/server/request-metrics.mjs";
import { useTestDatabase } from "../helpers/database";

// server.mjs times every request for /api/metrics under the route pattern that served it, from Next's routes
// manifest: whatever paths clients invent, the number of series stays that of the app's routes.

// The shape of .next/routes-manifest.json (Next 16), trimmed to a few routes.
const manifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/login", regex: "^/login(?:/)?$" },
    { page: "/api/health/live", regex: "^/api/health/live(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/admin/users/[id]", regex: "^/admin/users/([^/]+?)(?:/)?$" },
    { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
    { page: "/api/[...path]", regex: "^/api/(.+?)(?:/)?$" },
    { page: "/[resource]/[id]", regex: "^/([^/]+?)/([^/]+?)(?:/)?$" },
  ],
};

describe("route patterns", () => {
  const routeOf = routePatterns(manifest);

  it("names the pattern, never the path", () => {
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/login/")).toBe("/login");
    expect(routeOf("/admin/users/cm123abc")).toBe("/admin/users/[id]");
    expect(routeOf("/api/v1/projects/cm1/tasks")).toBe("/api/v1/[...path]");
    expect(routeOf("/api/nothing-here")).toBe("/api/[...path]");
    expect(routeOf("/projects/cm999")).toBe("/[resource]/[id]");
    expect(routeOf("/_next/static/chunks/abc123.js")).toBe("/_next/static");
    expect(routeOf("/_next/image")).toBe("/_next");
  });

  it("puts every path no route serves under one label", () => {
    const labels = new Set(Array.from({ length: 50 }, (_, i) => routeOf(`/random-${i}/deeper/still-${i}`)));
    expect([...labels]).toEqual(["(unmatched)"]);
  });
});

describe("request timing", () => {
  useTestDatabase(); // a scrape also reads the email queue
  metricsRegistry();
  const timeRequest = requestTimer(metricsRecorder, routePatterns(manifest));
  const server = createServer((request, response) => {
    timeRequest(request, response);
    setTimeout(() => response.writeHead(request.url?.startsWith("/api/") ? 404 : 200).end("ok"), 20);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("observes each request's duration by route pattern, method and status class", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ["/admin/users/a1", "/admin/users/b2?tab=roles", "/api/unknown"]) await (await fetch(`${base}${path}`)).text();
    await (await fetch(`${base}/login`, { method: "POST" })).text();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the last "close" event

    const text = await metricsRegistry().metrics();
    expect(text).toContain('http_request_duration_seconds_count{route="/admin/users/[id]",method="GET",status="2xx"} 2');
    expect(text).toContain('http_request_duration_seconds_count{route="/api/[...path]",method="GET",status="4xx"} 1');
    expect(text).toContain('http_request_duration_seconds_count{route="/login",method="POST",status="2xx"} 1');
    // 20 ms each: none of the two admin requests lands in the 10 ms bucket.
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.01",route="/admin/users/[id]",method="GET",status="2xx"} 0');
    expect(text).not.toContain("/admin/users/a1");
  });
});
