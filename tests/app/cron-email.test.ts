import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";

// The outbox's drain for Vercel Cron: only with CRON_SECRET configured, only for its bearer.

const CRON_SECRET = "cron-secret-for-tests-0123456789abcdef";
const call = (handler: (request: Request, context: never) => Promise<Response> | Response, authorization?: string) =>
  handler(new Request("http://localhost/api/cron/email", { headers: authorization ? { authorization } : {} }), undefined as never);

describe("GET /api/cron/email", () => {
  useTestDatabase();
  let route: typeof import("@/app/api/cron/email/route");

  beforeAll(async () => {
    process.env.CRON_SECRET = CRON_SECRET;
    vi.resetModules();
    route = await import("@/app/api/cron/email/route");
  });

  it("refuses a missing or wrong secret with 401 and delivers nothing", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Basic ${CRON_SECRET}`, `Bearer ${CRON_SECRET}x`]) {
      const response = await call(route.GET, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("delivers what is due for Vercel Cron's bearer", async () => {
    const message = await db.emailMessage.create({
      data: {
        to: "cron@example.com",
        subject: "s",
        html: "h",
        text: "t",
        template: "test",
        status: "FAILED",
        attempts: 1,
        nextAttemptAt: new Date(0),
      },
    });
    const response = await call(route.GET, `Bearer ${CRON_SECRET}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { delivered: number }).delivered).toBeGreaterThanOrEqual(1);
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
  });

  it("does not exist without CRON_SECRET", async () => {
    delete process.env.CRON_SECRET;
    vi.resetModules();
    const unconfigured = await import("@/app/api/cron/email/route");
    expect((await call(unconfigured.GET, `Bearer ${CRON_SECRET}`)).status).toBe(404);
  });
});
