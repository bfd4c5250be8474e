import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookie-name";
import { configuredProviders } from "@/lib/auth/provider-list";
import { env } from "@/lib/env";
import { enforceHttps, refuseBadRequest } from "@/lib/http/request-guard";
import {
  allowsInlineStyles,
  contentSecurityPolicy,
  createNonce,
  emailPreviewPolicy,
  isEmailPreviewPath,
  requestIdFrom,
} from "@/lib/security-headers";

// Runs before every page and route handler (static files excluded by the matcher): redirects plain HTTP
// when HTTPS is enforced (API calls are refused instead), refuses requests Next would answer with a 500 (lib/http/request-guard.ts), stamps a request id, and sets a fresh nonce
// CSP that Next applies to its scripts.
const production = env.NODE_ENV === "production";
const SESSION_COOKIE = sessionCookieName(usesSecureCookies(env.APP_URL));
const providerOrigins = configuredProviders().map((provider) => provider.authorizationOrigin);

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const insecure = enforceHttps(request, { forceHttps: env.FORCE_HTTPS, appUrl: env.APP_URL });
  if (insecure) return insecure;

  // A coarse first gate: no session cookie, no admin console. Permissions are checked in the data layer.
  if (pathname.startsWith("/admin") && !request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(pathname)}`, request.url));
  }

  const nonce = createNonce();
  const csp = isEmailPreviewPath(pathname)
    ? emailPreviewPolicy
    : contentSecurityPolicy(nonce, { production, inlineStyles: allowsInlineStyles(pathname), formActionOrigins: providerOrigins });
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const refused = await refuseBadRequest(request, requestId);
  if (refused) {
    refused.headers.set("X-Request-Id", requestId);
    return refused;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-pathname", `${pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

// Prefetches included: every response carries the CSP and a request id. Health probes skip this file: every
// rule here exempts them anyway (HTTPS, page CSP, action bodies), they answer JSON, and an orchestrator calls
// them often enough that the proxy's cost (about a third of a probe) is worth saving.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|api/health$|api/health/).*)"],
};
