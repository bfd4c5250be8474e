// A few seconds' cache of the pages a visitor without cookies sees (the landing page, sign-in, registration),
// in front of Next in server.mjs. Those pages render per request only for their CSP nonce: two renders differ in
// nothing else (tests/server/anonymous-page-cache.test.ts shows it for each path), so a render is kept and each
// visitor gets a copy carrying a fresh nonce, in the header and in every place the page repeats it. The policy
// stays nonce-based and the nonce single-use. Anything that could make a page personal goes past the cache: a
// cookie, an Authorization header, a query string, a client-side navigation (RSC) request, any method but GET, and a
// response that sets a cookie or is not a 200 page with a nonce.
import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

// Next renders a page's metadata differently for crawlers; a crawler's copy must not answer a browser.
const { getBotType } = createRequire(import.meta.url)("next/dist/shared/lib/router/utils/is-bot.js");

/** Headers on a request that make Next answer something other than the page's HTML. */
const PERSONAL_OR_PARTIAL = [
  "cookie",
  "authorization",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];
const MAX_ENTRIES = 64;
const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/=]{16,})'/;

/**
 * `serve` answers from the cache and returns true, or returns false and, when the request may be cached, records
 * Next's answer to it on its way out (types: anonymous-page-cache.d.mts).
 */
export function anonymousPageCache({ paths, seconds, now = Date.now }) {
  const cacheable = new Set(paths);
  /** key → { expires, nonce, headers, body } */
  const entries = new Map();

  const keyOf = (request) => {
    if (seconds <= 0 || request.method !== "GET" || !cacheable.has(request.url ?? "")) return null;
    if (PERSONAL_OR_PARTIAL.some((name) => name in request.headers)) return null;
    // The HTTPS redirect depends on the first two (proxy.ts): a page served to one must not answer the other.
    const bot = getBotType(request.headers["user-agent"] ?? "") ?? "browser";
    return `${request.headers["x-forwarded-proto"] ?? ""} ${request.headers.host ?? ""} ${bot} ${request.url}`;
  };

  const record = (key, request, response) => {
    // Captured uncompressed, so the nonce can be found in it; each copy is compressed on the way out.
    delete request.headers["accept-encoding"];
    const chunks = [];
    const write = response.write.bind(response);
    const end = response.end.bind(response);
    const keep = (chunk, encoding) => {
      if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    };
    response.write = (chunk, encoding, callback) => {
      keep(chunk, encoding);
      return write(chunk, encoding, callback);
    };
    response.end = (chunk, encoding, callback) => {
      if (typeof chunk !== "function") keep(chunk, encoding);
      store(key, response, Buffer.concat(chunks).toString("utf8"));
      return end(chunk, encoding, callback);
    };
  };

  const store = (key, response, body) => {
    const policy = String(response.getHeader("content-security-policy") ?? "");
    const nonce = NONCE_IN_POLICY.exec(policy)?.[1];
    const html = String(response.getHeader("content-type") ?? "").startsWith("text/html");
    if (response.statusCode !== 200 || !html || !nonce || response.hasHeader("set-cookie") || response.hasHeader("content-encoding"))
      return;
    // The Host header is the client's to choose: a bounded number of copies, whatever it sends.
    for (const [key, entry] of entries) if (entry.expires <= now()) entries.delete(key);
    if (entries.size >= MAX_ENTRIES && !entries.has(key)) return;
    const headers = { ...response.getHeaders() };
    for (const name of ["date", "content-length", "transfer-encoding", "connection", "keep-alive", "x-request-id"]) delete headers[name];
    entries.set(key, { expires: now() + seconds * 1000, nonce, headers, body });
  };

  return {
    serve(request, response) {
      const key = keyOf(request);
      if (!key) return false;
      const entry = entries.get(key);
      if (!entry || entry.expires <= now()) {
        entries.delete(key);
        record(key, request, response);
        return false;
      }
      const nonce = randomBytes(16).toString("base64");
      const headers = { ...entry.headers, "x-request-id": randomUUID() };
      headers["content-security-policy"] = String(headers["content-security-policy"]).replaceAll(entry.nonce, nonce);
      let body = Buffer.from(entry.body.replaceAll(entry.nonce, nonce));
      if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        body = gzipSync(body, { level: 4 });
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = String(body.length);
      response.writeHead(200, headers);
      response.end(body);
      return true;
    },
  };
}
