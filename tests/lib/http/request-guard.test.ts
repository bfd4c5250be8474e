import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { enforceHttps, refuseBadRequest } from "@/lib/http/request-guard";

const action = {
  host: "app.example",
  origin: "https://app.example",
  "next-action": "7f".repeat(21),
  "content-type": "text/plain;charset=UTF-8",
};

function post(path: string, headers: Record<string, string>, body?: string) {
  const init = { method: "POST", headers, body };
  return new NextRequest(`https://app.example${path}`, init);
}

async function status(request: NextRequest): Promise<number | null> {
  return (await refuseBadRequest(request, "req-12345678"))?.status ?? null;
}

describe("refuseBadRequest", () => {
  it("lets reads and well-formed posts through", async () => {
    expect(await status(new NextRequest("https://app.example/login"))).toBeNull();
    expect(await status(post("/login", { ...action, "content-length": "7" }, '["a",1]'))).toBeNull();
    expect(
      await status(
        post("/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", "content-length": "3" }, "a=b"),
      ),
    ).toBeNull();
  });

  it("refuses a body over the limit by its Content-Length, with a problem+json 413", async () => {
    const refused = await refuseBadRequest(
      post("/api/auth/callback/credentials", { "content-length": String(1024 * 1024 + 1) }),
      "req-12345678",
    );
    expect(refused?.status).toBe(413);
    expect(refused?.headers.get("content-type")).toBe("application/problem+json");
  });

  it("measures a body without Content-Length (chunked) as it reads it: 413 past the limit, through below it", async () => {
    expect(await status(post("/login", { ...action, "transfer-encoding": "chunked" }, `["${"x".repeat(1024 * 1024)}"]`))).toBe(413);
    // Next forwards a server action to the page that owns it as a chunked request: it must pass.
    expect(await status(post("/admin/users/[id]", { ...action, "transfer-encoding": "chunked" }, '[{"userId":"abc"}]'))).toBeNull();
  });

  it("refuses action arguments React cannot have encoded, and multipart that does not parse", async () => {
    expect(await status(post("/login", { ...action, "content-length": "9" }, "{not json"))).toBe(400);
    expect(await status(post("/login", { ...action, "content-length": "6" }, '{"a":1}'))).toBe(400);
    const multipart = { ...action, "content-type": "multipart/form-data; boundary=edge", "content-length": "20" };
    expect(await status(post("/login", multipart, "--edge\r\nbroken"))).toBe(400);
  });

  it("refuses a server action from another origin or Origin: null", async () => {
    expect(await status(post("/account", { ...action, origin: "https://evil.example", "content-length": "2" }, "[]"))).toBe(403);
    expect(await status(post("/account", { ...action, origin: "null", "content-length": "2" }, "[]"))).toBe(403);
  });
});

describe("enforceHttps", () => {
  const production = { forceHttps: true, appUrl: "https://app.example" };
  const plain = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://app.example${path}`, { headers });

  it("refuses a plain-HTTP API call with 400 https_required instead of redirecting it (the token would travel twice)", async () => {
    for (const path of ["/api/v1/projects", "/api/v1/projects?page=2", "/api/auth/session", "/api"]) {
      const refused = enforceHttps(plain(path, { authorization: "Bearer secret" }), production);
      expect(refused?.status, path).toBe(400);
      expect(refused?.headers.get("location")).toBeNull();
      expect(refused?.headers.get("content-type")).toBe("application/problem+json");
      expect(((await refused!.json()) as { code: string }).code).toBe("https_required");
    }
  });

  it("still redirects pages to the configured host, and lets health probes, HTTPS and development through", () => {
    const page = enforceHttps(plain("/projects?x=1", { host: "forged.example" }), production);
    expect(page?.status).toBe(308);
    expect(page?.headers.get("location")).toBe("https://app.example/projects?x=1");
    expect(enforceHttps(plain("/api/health"), production)).toBeNull();
    expect(enforceHttps(plain("/api/health/ready"), production)).toBeNull();
    expect(enforceHttps(plain("/api/v1/projects", { "x-forwarded-proto": "https" }), production)).toBeNull();
    expect(enforceHttps(new NextRequest("https://app.example/api/v1/projects"), production)).toBeNull();
    expect(enforceHttps(plain("/api/v1/projects"), { forceHttps: false })).toBeNull();
  });
});
