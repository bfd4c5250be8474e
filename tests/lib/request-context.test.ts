import { describe, expect, it } from "vitest";
import { clientIp, rateLimitAddress } from "@/lib/request-context";

describe("clientIp behind server.mjs (the socket's address is the right-most entry)", () => {
  it("with no trusted proxy takes the socket's address, whatever the client wrote before it", () => {
    expect(clientIp("6.6.6.6, 7.7.7.7, 198.51.100.9", 0, true)).toBe("198.51.100.9");
    expect(clientIp("198.51.100.9", 0, true)).toBe("198.51.100.9");
  });

  it("with trusted proxies takes the entry that many places left of the socket", () => {
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 1, true)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.3, 10.0.0.2", 2, true)).toBe("203.0.113.7");
    // A request that bypassed the proxy: nothing left of the socket, so the socket it is.
    expect(clientIp("10.0.0.2", 1, true)).toBe("10.0.0.2");
  });

  it("reports IPv4 clients of a dual-stack socket in plain form", () => {
    expect(clientIp("::ffff:192.0.2.4", 0, true)).toBe("192.0.2.4");
  });
});

describe("clientIp without server.mjs (plain next start, Vercel)", () => {
  it("trusts no header at all with no trusted proxy", () => {
    expect(clientIp("203.0.113.7", 0, false)).toBeNull();
  });

  it("takes the address the nearest trusted proxy appended", () => {
    expect(clientIp("203.0.113.7", 1, false)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7", 1, false)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 2, false)).toBe("203.0.113.7");
  });

  it("answers null without the header and never returns an oversized value", () => {
    expect(clientIp(null, 1, false)).toBeNull();
    expect(clientIp("x".repeat(500), 1, false)).toHaveLength(64);
  });
});

describe("rateLimitAddress", () => {
  it("groups IPv6 addresses by their /64", () => {
    expect(rateLimitAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:DB8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("keeps IPv4 addresses (mapped ones too) and other subjects as they are", () => {
    expect(rateLimitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddress("ada@example.com")).toBe("ada@example.com");
    expect(rateLimitAddress("unknown")).toBe("unknown");
  });
});
