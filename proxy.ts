import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookie-name";
import { env } from "@/lib/env";
import { refuseBadRequest } from "@/lib/http/request-guard";
import {
  allowsInlineStyles,
  contentSecurityPolicy,
  createNonce,
  emailPreviewPolicy,
  isEmailPreviewPath,
  requestIdFrom,
} from "@/lib/security-headers";

// Runs before every page and route handler (static files excluded by the matcher): redirects plain HTTP
// when HTTPS is enforced, refuses requests Next would answer with a 500 (lib/http/request-guard.ts), stamps a request id, and sets a fresh nonce
// CSP that Next applies to its scripts.
const production = env.NODE_ENV === "production";
const SESSION_COOKIE = sessionCookieName(usesSecureCookies(env.APP_URL));

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  // Probes from an orchestrator speak plain HTTP inside the cluster: keep health reachable.
  if (env.FORCE_HTTPS && proto === "http" && !pathname.startsWith("/api/health")) {
    // The configured public URL names the host when set, so a forged Host header cannot steer the redirect;
    // otherwise the requested host on the default HTTPS port.
    const host = env.APP_URL
      ? new URL(env.APP_URL).host
      : new URL(`http://${request.headers.get("host") ?? request.nextUrl.host}`).hostname;
    return NextResponse.redirect(`https://${host}${pathname}${request.nextUrl.search}`, 308);
  }

  // A coarse first gate: no session cookie, no admin console. Permissions are checked in the data layer.
  if (pathname.startsWith("/admin") && !request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(pathname)}`, request.url));
  }

  const nonce = createNonce();
  const csp = isEmailPreviewPath(pathname)
    ? emailPreviewPolicy
    : contentSecurityPolicy(nonce, { production, inlineStyles: allowsInlineStyles(pathname) });
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

// Prefetches included: every response carries the CSP and a request id.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
