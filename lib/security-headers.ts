// The security envelope in one place: next.config.ts applies the static headers to every response (static
// files included) and proxy.ts adds the per-request Content-Security-Policy and request id.
// Pure functions with no server-only imports, so proxy.ts and next.config.ts can both use them.

export type HeaderOptions = { production: boolean };

/**
 * The API reference (/api/docs, Scalar) injects <style> elements and style attributes it cannot stamp with a nonce:
 * that page alone allows inline styles. Scripts stay nonce-only there too, and the page shows no user content.
 */
export const allowsInlineStyles = (pathname: string) => pathname === "/api/docs";

/** The largest request body accepted (server actions, Auth.js, the API): proxy.ts refuses larger ones with 413. */
export const maxRequestBodyBytes = 1024 * 1024;

/** A nonce CSP: only scripts carrying this request's nonce (and what they load) run. */
export function contentSecurityPolicy(
  nonce: string,
  {
    production,
    inlineStyles = false,
    formActionOrigins = [],
  }: HeaderOptions & {
    inlineStyles?: boolean;
    /** The configured sign-in providers' authorization origins: a sign-in form's POST redirects there. */
    formActionOrigins?: readonly string[];
  },
): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'none'"],
    // 'strict-dynamic' lets Next's nonce'd bootstrap script load its chunks; 'self' is ignored by browsers
    // that understand it and is the fallback for those that don't. Dev needs eval for React's debugging.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(production ? [] : ["'unsafe-eval'"])],
    // Dev injects styles without a nonce (hot reload), and a nonce would switch 'unsafe-inline' off.
    "style-src": production && !inlineStyles ? ["'self'", `'nonce-${nonce}'`] : ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": production ? ["'self'"] : ["'self'", "ws:", "wss:"],
    "manifest-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'", ...formActionOrigins],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (production) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/**
 * For an email shown in a frame (a stored one in the dev mailbox, a sample in /dev/emails, the compose page's
 * preview): its inline styles render, nothing in it can run.
 */
export const emailPreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";
export const isEmailPreviewPath = (pathname: string) =>
  /^\/dev\/(mailbox|emails)\/[^/]+\/html$/.test(pathname) || pathname === "/admin/emails/preview";

/** Headers that do not vary per request. */
export function staticSecurityHeaders({ production }: HeaderOptions): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload" } : {}),
  };
}

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const requestIdPattern = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a well-formed id from a trusted front (load balancer) so logs correlate; otherwise makes one. */
export function requestIdFrom(incoming: string | null): string {
  return incoming && requestIdPattern.test(incoming) ? incoming : crypto.randomUUID();
}
