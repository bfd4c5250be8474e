import { describe, expect, it } from "vitest";
import { open, seal } from "@/lib/crypto/secret-box";

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const a = seal("totp-secret", "JBSWY3DPEHPK3PXP", "user-1");
    const b = seal("totp-secret", "JBSWY3DPEHPK3PXP", "user-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open("totp-secret", a, "user-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(open("totp-secret", b, "user-1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses a box moved to another row or read for another purpose", () => {
    const box = seal("totp-secret", "secret", "user-1");
    expect(open("totp-secret", box, "user-2")).toBeNull();
    expect(open("other-purpose", box, "user-1")).toBeNull();
  });

  it("refuses a box with any part changed", () => {
    const box = seal("totp-secret", "secret value", "user-1");
    const parts = box.split(".");
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      changed[index] = bytes.toString("base64url");
      expect(open("totp-secret", changed.join("."), "user-1")).toBeNull();
    }
  });

  it("refuses malformed input without throwing", () => {
    for (const bad of ["", "v1", "v2.a.b.c", "v1.a.b", "v1.a.b.c.d", "v1.!!.??.**"]) expect(open("totp-secret", bad, "user-1")).toBeNull();
  });
});
