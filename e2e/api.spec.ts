import { expect, test } from "@playwright/test";

test.describe("operations endpoints", () => {
  test("GET /api/health tells an anonymous caller the status only (details need HEALTH_TOKEN)", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("liveness and readiness answer 200", async ({ request }) => {
    expect((await request.get("/api/health/live")).status()).toBe(200);
    expect((await request.get("/api/health/ready")).status()).toBe(200);
  });

  test("an unknown API path answers problem+json 404 carrying the request id", async ({ request }) => {
    const response = await request.get("/api/v1/nothing-here", { headers: { "x-request-id": "e2e-trace-0001" } });
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    expect(response.headers()["x-request-id"]).toBe("e2e-trace-0001");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found", requestId: "e2e-trace-0001" });
  });
});
