import "server-only";
import { BlockList, isIP } from "node:net";

// METRICS_ALLOW: the addresses (and CIDR ranges) that may scrape /api/metrics. node:net's BlockList does the
// matching, IPv4 and IPv6 alike; the client's address is the one lib/request-context.ts trusts.

/** Each entry checked ("10.0.0.0/8", "127.0.0.1", "fd00::/8"), as written, or the reasons it is not one. */
export function parseAddressList(value: string): { entries: string[]; errors: string[] } {
  const entries: string[] = [];
  const errors: string[] = [];
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const valid =
      family !== 0 && extra === undefined && (bits === null || (/^\d{1,3}$/.test(prefix!) && bits <= (family === 4 ? 32 : 128)));
    if (valid) entries.push(entry);
    else errors.push(`"${entry}" is not an IP address or CIDR range (10.0.0.0/8, fd00::/8)`);
  }
  return { entries, errors };
}

/** A matcher for entries parseAddressList accepted. */
export function addressMatcher(entries: readonly string[]): (address: string | null) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const family = address ? isIP(address) : 0;
    return family !== 0 && list.check(address!, family === 6 ? "ipv6" : "ipv4");
  };
}
