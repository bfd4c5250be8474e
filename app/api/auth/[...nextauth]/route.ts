import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { problem } from "@/lib/http/problem";
import { consumeRateLimit } from "@/lib/rate-limit";
import { contextFromHeaders } from "@/lib/request-context";

// Auth.js's own endpoints. Sign-in attempts posted straight to them (not through the sign-in page) meet a
// coarse per-address limit first and get a 429 with Retry-After; finer limits run inside authorize().
const authEndpointByIp = { name: "auth-endpoint-ip", limit: 60, windowSeconds: 15 * 60 };

export const GET = handlers.GET;

export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/auth/callback/")) {
    const { ipAddress, requestId } = contextFromHeaders(request.headers);
    const limit = await consumeRateLimit(authEndpointByIp, ipAddress ?? "unknown");
    if (!limit.allowed) {
      return problem(429, {
        detail: "Too many sign-in attempts from this address. Try again later.",
        headers: { "Retry-After": String(limit.retryAfterSeconds) },
        requestId: requestId ?? undefined,
      });
    }
  }
  return handlers.POST(request);
}
