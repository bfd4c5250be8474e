import { describe, expect, it } from "vitest";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

describe("problem+json", () => {
  it("answers RFC 9457 fields with the right media type and no caching", async () => {
    const response = problem(422, { detail: "Check the fields.", errors: { email: ["Enter an email address."] } });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: "Check the fields.",
      errors: { email: ["Enter an email address."] },
    });
  });
});

describe("route()", () => {
  it("turns a thrown error into a bare 500 that leaks nothing", async () => {
    const handler = route(() => {
      throw new Error("password=hunter2 at /srv/app/lib/secret.ts:12");
    });
    const response = await handler(new Request("http://test/api/x", { headers: { "x-request-id": "req-12345678" } }), {});
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|secret\.ts|stack/i);
    expect(JSON.parse(text)).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500, requestId: "req-12345678" });
  });

  it("passes a handler's own response through", async () => {
    const handler = route(() => Response.json({ ok: true }, { status: 201 }));
    const response = await handler(new Request("http://test/api/x"), {});
    expect(response.status).toBe(201);
  });
});
