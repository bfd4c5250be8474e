import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/request-context";

describe("clientIp", () => {
  it("takes the address the nearest trusted proxy appended", () => {
    expect(clientIp("203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("answers null without the header and never returns an oversized value", () => {
    expect(clientIp(null, 1)).toBeNull();
    expect(clientIp("x".repeat(500), 1)).toHaveLength(64);
  });
});
