import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// /api/v1's own limits: per caller once signed in, per address for calls without one; 429 with Retry-After
// once a rule is used up, and the RateLimit headers on every answer. Small dedicated rules keep it quick.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

// As behind server.mjs with no proxy: X-Forwarded-For holds the socket's address alone.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const person = (id: string): CurrentUser => ({
  id,
  sessionId: "s",
  email: `${id}@example.com`,
  firstName: "R",
  lastName: "L",
  roles: [],
  permissions: new Set(["projects:read"]),
  twoFactorEnabled: false,
});

function handlerWithLimits(callerLimit: number, addressLimit: number) {
  return documentedRestHandler(system, {
    rateLimits: {
      byCaller: { name: unique("test-api-caller"), limit: callerLimit, windowSeconds: 60 },
      byAddress: { name: unique("test-api-ip"), limit: addressLimit, windowSeconds: 60 },
    },
  });
}

const get = (handler: ReturnType<typeof documentedRestHandler>, user: CurrentUser | null, address = "203.0.113.7") => {
  session.user = user;
  const request = new Request("http://localhost/api/v1/projects", { headers: { host: "localhost", "x-forwarded-for": address } });
  return handler(request, { params: Promise.resolve({ path: ["projects"] }) });
};

describe("API rate limits", () => {
  useTestDatabase();

  it("counts each caller down in RateLimit headers, then answers 429 rate_limited with Retry-After", async () => {
    const handler = handlerWithLimits(3, 100);
    const alice = person(unique("alice"));
    for (const remaining of [2, 1, 0]) {
      const response = await get(handler, alice);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("3");
      expect(response.headers.get("ratelimit-remaining")).toBe(String(remaining));
      expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    }
    const limited = await get(handler, alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    // Another caller has a bucket of their own.
    expect((await get(handler, person(unique("bob")))).status).toBe(200);
  });

  it("limits calls without a caller per address, refused credentials included", async () => {
    const handler = handlerWithLimits(100, 2);
    for (const remaining of [1, 0]) {
      const refused = await get(handler, null);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("ratelimit-remaining")).toBe(String(remaining));
    }
    const limited = await get(handler, null);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await get(handler, null, "198.51.100.9")).status).toBe(401);
  });
});
