import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anonymousPageCache } from "@/server/anonymous-page-cache.mjs";

// A stand-in for Next behind server.mjs's cache: a page that repeats its nonce, as Next's does in its scripts.
let renders = 0;
let clock = 0;
let answer: (response: ServerResponse, nonce: string) => void;
const page = (response: ServerResponse, nonce: string) => {
  response.setHeader("content-security-policy", `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'`);
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.setHeader("x-request-id", `render-${renders}`);
  response.write(`<html><script nonce="${nonce}">1</script>`);
  response.end(`<style nonce="${nonce}"></style><p>${"a".repeat(2000)}</p></html>`);
};
const cache = anonymousPageCache({ paths: ["/login", "/"], seconds: 10, now: () => clock });
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  if (cache.serve(request, response)) return;
  renders++;
  answer(response, Buffer.from(`render-number-${renders}-nonce`).toString("base64"));
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  renders = 0;
  clock += 60_000; // every test starts with every entry expired
  answer = page;
});

const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
  const body = await response.text();
  const nonce = nonceOf(response);
  return { response, body, nonce, normalised: body.replaceAll(nonce, "NONCE") };
}

describe("anonymous page cache (server.mjs)", () => {
  it("renders once, then gives each visitor the same page with a nonce of its own, everywhere the page names it", async () => {
    const first = await get("/login");
    const second = await get("/login");
    const third = await get("/login");
    expect(renders).toBe(1);
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    expect(second.body).not.toContain(first.nonce);
    expect(second.body.split(second.nonce)).toHaveLength(3);
    expect(second.normalised).toBe(first.normalised);
    expect(second.response.headers.get("content-security-policy")).toBe(
      `script-src 'nonce-${second.nonce}' 'strict-dynamic'; style-src 'nonce-${second.nonce}'`,
    );
    expect(second.response.headers.get("x-request-id")).not.toBe(third.response.headers.get("x-request-id"));
  });

  it("renders again once the entry is older than its seconds", async () => {
    await get("/login");
    clock += 9_000;
    await get("/login");
    expect(renders).toBe(1);
    clock += 2_000;
    await get("/login");
    expect(renders).toBe(2);
  });

  it("compresses each copy for a client that accepts gzip", async () => {
    const plain = await get("/login");
    const response = await fetch(`${base}/login`, { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const body = await response.text(); // fetch inflates it
    expect(body.replaceAll(nonceOf(response), "NONCE")).toBe(plain.normalised);
    expect(renders).toBe(1);
  });

  it.each([
    ["a cookie", "/login", { cookie: "theme=dark" }],
    ["an Authorization header", "/login", { authorization: "Bearer x" }],
    ["a client-side navigation", "/login", { rsc: "1" }],
    ["a prefetch", "/login", { "next-router-prefetch": "1" }],
    ["a query string", "/login?next=/account", {}],
    ["a path not listed", "/account", {}],
  ])("never answers a request with %s from the cache", async (_, path, headers) => {
    await get(path, headers);
    await get(path, headers);
    expect(renders).toBe(2);
  });

  it("keeps a crawler's copy apart from a browser's", async () => {
    await get("/", { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" });
    await get("/", { "user-agent": "Mozilla/5.0 Chrome/142.0" });
    expect(renders).toBe(2);
  });

  it.each([
    ["sets a cookie", (response: ServerResponse, nonce: string) => (response.setHeader("set-cookie", "a=b"), page(response, nonce))],
    ["is not a 200", (response: ServerResponse, nonce: string) => ((response.statusCode = 404), page(response, nonce))],
    ["has no nonce", (response: ServerResponse) => (response.setHeader("content-type", "text/html"), response.end("<html></html>"))],
  ])("stores nothing from a render that %s", async (_, render) => {
    answer = render;
    await get("/login");
    await get("/login");
    expect(renders).toBe(2);
  });

  it("holds a bounded number of copies whatever Host headers a client invents", async () => {
    const { request } = await import("node:http");
    const getWithHost = (host: string) =>
      new Promise<void>((resolve, reject) =>
        request(`${base}/login`, { headers: { host } }, (response) => response.resume().on("end", resolve))
          .on("error", reject)
          .end(),
      );
    for (let i = 0; i < 70; i++) await getWithHost(`h${i}.example`);
    expect(renders).toBe(70);
    await getWithHost("h69.example");
    expect(renders).toBe(71); // the 65th and later were never stored
    await getWithHost("h0.example");
    expect(renders).toBe(71);
  });
});
