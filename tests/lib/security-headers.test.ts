import { describe, expect, it } from "vitest";
import { allowsInlineStyles, contentSecurityPolicy, createNonce, requestIdFrom, staticSecurityHeaders } from "@/lib/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("content security policy", () => {
  const nonce = createNonce();
  const production = directives(contentSecurityPolicy(nonce, { production: true }));

  it("allows scripts only by this request's nonce, with no unsafe-inline or eval in production", () => {
    expect(production.get("script-src")).toEqual(expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]));
    expect(production.get("script-src")).not.toContain("'unsafe-inline'");
    expect(production.get("script-src")).not.toContain("'unsafe-eval'");
    expect(production.get("style-src")).not.toContain("'unsafe-inline'");
  });

  it("locks down everything else", () => {
    expect(production.get("default-src")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'none'"]);
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.has("upgrade-insecure-requests")).toBe(true);
  });

  it("loosens only what the dev server needs", () => {
    const dev = directives(contentSecurityPolicy(nonce, { production: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.has("upgrade-insecure-requests")).toBe(false);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(createNonce(), "base64")).toHaveLength(16);
  });
});

describe("static headers", () => {
  it("sends HSTS only in production", () => {
    expect(staticSecurityHeaders({ production: true })["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    expect(staticSecurityHeaders({ production: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("always sends nosniff, a referrer policy, a permissions policy and COOP", () => {
    const headers = staticSecurityHeaders({ production: false });
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("request ids", () => {
  it("keeps a well-formed incoming id and replaces a malformed or hostile one", () => {
    expect(requestIdFrom("lb-1234567890")).toBe("lb-1234567890");
    expect(requestIdFrom("bad id\nInjected: yes")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom("x".repeat(500))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("allows inline styles on the API reference alone, and its scripts stay nonce-only", () => {
    expect(allowsInlineStyles("/api/docs")).toBe(true);
    expect(allowsInlineStyles("/api/docs/x")).toBe(false);
    expect(allowsInlineStyles("/")).toBe(false);
    const docs = directives(contentSecurityPolicy("abc", { production: true, inlineStyles: true }));
    expect(docs.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docs.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
  });
});
