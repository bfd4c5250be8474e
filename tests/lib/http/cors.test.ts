import { describe, expect, it, vi } from "vitest";
import { allowedOrigin, applyCors, parseCorsOrigin, preflight } from "@/lib/http/cors";
import { parseEnv } from "@/lib/env";
import { system } from "@/modules";
import { useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => ({
    stage: "active",
    user: {
      id: "cors-user",
      sessionId: "s1",
      email: "cors@example.com",
      firstName: "C",
      lastName: "O",
      roles: [],
      permissions: new Set(["projects:read", "projects:create"]),
      twoFactorEnabled: false,
    },
  }),
}));

const ALLOWED = "https://app.example";
const allowlist = [ALLOWED, "http://localhost:5173"];
const DENIED = [
  "https://evil.example",
  "null",
  "https://app.example.evil.test",
  "https://app.exam",
  "https://app.example:8443",
  "http://app.example",
  "HTTPS://APP.EXAMPLE",
  "",
];

describe("CORS (pure)", () => {
  it("allows an origin on the list exactly and answers the list's own string", () => {
    expect(allowedOrigin(ALLOWED, allowlist)).toBe(ALLOWED);
    expect(allowedOrigin("http://localhost:5173", allowlist)).toBe("http://localhost:5173");
  });

  it("refuses any other origin: null, look-alikes, prefixes, other scheme or port", () => {
    for (const origin of DENIED) expect(allowedOrigin(origin, allowlist), origin).toBeNull();
    expect(allowedOrigin(null, allowlist)).toBeNull();
    expect(allowedOrigin("null", ["null"])).toBeNull();
  });

  it("always adds Vary: Origin, and CORS headers only for an allowed origin, never reflected, never credentials", () => {
    const denied = applyCors(new Response("x"), "https://evil.example", allowlist);
    expect(denied.headers.get("vary")).toBe("Origin");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = applyCors(new Response("x", { headers: { Vary: "Accept" } }), ALLOWED, allowlist);
    expect(allowed.headers.get("vary")).toBe("Accept, Origin");
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-expose-headers")).toContain("RateLimit-Remaining");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answers a preflight 204 with the path's methods and the API's headers", () => {
    const answer = preflight(ALLOWED, allowlist, ["GET", "POST"]);
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(answer.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type, If-Match, Idempotency-Key");
    expect(Number(answer.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    const denied = preflight("https://evil.example", allowlist, ["GET"]);
    expect(denied.status).toBe(204);
    expect([...denied.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });

  it("reads API_CORS_ORIGINS as exact origins and refuses paths, wildcards and null", () => {
    expect(parseEnv({ NODE_ENV: "test" }).API_CORS_ORIGINS).toEqual([]);
    expect(parseEnv({ NODE_ENV: "test", API_CORS_ORIGINS: "https://a.example, http://localhost:5173/" }).API_CORS_ORIGINS).toEqual([
      "https://a.example",
      "http://localhost:5173",
    ]);
    for (const bad of [
      "*",
      "null",
      "https://a.example/app",
      "https://a.example?x=1",
      "a.example",
      "ftp://a.example",
      "https://A.example",
    ]) {
      expect(() => parseEnv({ NODE_ENV: "test", API_CORS_ORIGINS: bad }), bad).toThrow(/API_CORS_ORIGINS/);
      expect("error" in parseCorsOrigin(bad), bad).toBe(true);
    }
  });
});

describe("CORS on /api/v1", () => {
  useTestDatabase();
  const handler = documentedRestHandler(system, { corsOrigins: allowlist });
  const call = (method: string, origin: string | null, headers: Record<string, string> = {}, body?: unknown) =>
    handler(
      new Request("http://localhost/api/v1/projects", {
        method,
        headers: { host: "localhost", ...(origin ? { origin } : {}), ...(body ? { "content-type": "application/json" } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      }),
      { params: Promise.resolve({ path: ["projects"] }) },
    );

  it("answers a preflight from an allowed origin with the path's methods, and one from any other origin without CORS headers", async () => {
    const allowed = await call("OPTIONS", ALLOWED, { "access-control-request-method": "POST" });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-methods")?.split(", ").sort()).toEqual(["GET", "POST"]);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
    expect(allowed.headers.get("vary")).toContain("Origin");
    for (const origin of DENIED.filter(Boolean)) {
      const denied = await call("OPTIONS", origin, { "access-control-request-method": "POST" });
      expect(denied.headers.get("access-control-allow-origin"), origin).toBeNull();
      expect(denied.headers.get("access-control-allow-methods"), origin).toBeNull();
      expect(denied.headers.get("vary")).toContain("Origin");
    }
  });

  it("puts Vary: Origin on every answer and the exact allowed origin on an allowed one's", async () => {
    const allowed = await call("GET", ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const denied = await call("GET", "https://app.example.evil.test");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    expect(denied.headers.get("vary")).toContain("Origin");
    const plain = await call("GET", null);
    expect(plain.headers.get("vary")).toContain("Origin");
  });

  it("still refuses a cookie-authenticated change from an allowed origin (403 cross_origin), with the CORS headers so the page can read why", async () => {
    const refused = await call("POST", ALLOWED, { "sec-fetch-site": "cross-site" }, { name: "x" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("cross_origin");
    expect(refused.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });
});
