import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export type RequestContext = { ipAddress: string | null; userAgent: string | null; requestId: string | null };

/**
 * The client's address from X-Forwarded-For. Each trusted proxy appends the address it saw, so the client is
 * the entry TRUST_PROXY_HOPS from the right; entries further left were written by the client and can lie.
 */
export function clientIp(forwardedFor: string | null, trustedHops = env.TRUST_PROXY_HOPS): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor.split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = entries[Math.max(0, entries.length - Math.max(1, trustedHops))];
  return entry ? entry.slice(0, 64) : null;
}

export function contextFromHeaders(source: Headers): RequestContext {
  return {
    ipAddress: clientIp(source.get("x-forwarded-for")),
    userAgent: source.get("user-agent")?.slice(0, 512) ?? null,
    requestId: source.get("x-request-id"),
  };
}

/** For server components and server actions, which have no Request object. */
export async function currentRequestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}
