import "server-only";
import { isIPv4, isIPv6 } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type RequestContext = { ipAddress: string | null; userAgent: string | null; requestId: string | null };

/**
 * Set on globalThis by server.mjs before Next loads: it has rewritten X-Forwarded-For so that its right-most
 * entry is the socket's address. A flag in the process, not a header or an env variable, so neither a client
 * nor a mistaken setting can claim it.
 */
const socketAddressFlag = Symbol.for("x-forwarded-for.ends-with-socket");

const socketAddressAppended = () => (globalThis as Record<symbol, unknown>)[socketAddressFlag] === true;
let warnedUnknown = false;

/**
 * The client's address from X-Forwarded-For. Each trusted proxy appends the address it saw, so the client is
 * the entry TRUST_PROXY_HOPS from the right of what the nearest trusted party wrote; entries further left were
 * written by the client and can lie. Behind server.mjs that party is the socket itself; elsewhere (plain
 * `next start`, Vercel) with 0 hops no header is trustworthy and the address is unknown.
 */
export function clientIp(
  forwardedFor: string | null,
  trustedHops = env.TRUST_PROXY_HOPS,
  socketAppended = socketAddressAppended(),
): string | null {
  if (!socketAppended && trustedHops === 0) {
    if (!warnedUnknown) {
      warnedUnknown = true;
      log.warn("client address unknown: TRUST_PROXY_HOPS=0 without server.mjs, so per-address rate limits share one bucket");
    }
    return null;
  }
  if (!forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromRight = socketAppended ? trustedHops + 1 : trustedHops;
  // Fewer entries than hops: the request skipped a proxy, so the left-most entry is the nearest we have.
  const entry = entries[Math.max(0, entries.length - fromRight)];
  return entry ? unmapIPv4(entry).slice(0, 64) : null;
}

/** A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the plain form keeps one address one key. */
function unmapIPv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]!) ? mapped[1]! : address;
}

/**
 * The key per-address rate limits count under. One IPv6 subscriber usually holds a whole /64, so counting
 * single IPv6 addresses would hand them 2^64 fresh buckets; IPv4 addresses and anything else stay as they are.
 */
export function rateLimitAddress(raw: string): string {
  const address = unmapIPv4(raw);
  if (!isIPv6(address)) return address;
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const groups = (part: string) => (part ? part.split(":").flatMap(ipv4AsGroups) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${all
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/** An IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) fills two IPv6 groups. */
function ipv4AsGroups(group: string): string[] {
  if (!group.includes(".")) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
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
