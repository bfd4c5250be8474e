import { createHmac, hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/two-factor/recovery-codes";

describe("recovery codes", () => {
  it("makes ten different codes without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  });

  it("hashes with a key: stable, not the code, different per code", () => {
    const [a, b] = newRecoveryCodes() as [string, string];
    const hash = hashRecoveryCode(a)!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(a.replace("-", ""));
    expect(hashRecoveryCode(a)).toBe(hash);
    expect(hashRecoveryCode(b)).not.toBe(hash);
  });

  it("hashes under a key of its own, neither the password pepper nor the encryption key itself", () => {
    const [code] = newRecoveryCodes() as [string];
    const normalized = normalizeRecoveryCode(code)!;
    const hash = hashRecoveryCode(code);
    for (const key of [env.PASSWORD_PEPPER, env.DATA_ENCRYPTION_KEY]) {
      for (const message of [normalized, `recovery-code:${normalized}`])
        expect(hash).not.toBe(createHmac("sha256", key).update(message).digest("hex"));
    }
    const derived = Buffer.from(hkdfSync("sha256", env.DATA_ENCRYPTION_KEY, "", "recovery-code-hash", 32));
    expect(hash).toBe(createHmac("sha256", derived).update(normalized).digest("hex"));
  });

  it("forgives case, spaces and the dash, and refuses anything else", () => {
    const [code] = newRecoveryCodes() as [string];
    expect(hashRecoveryCode(code.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(code));
    expect(normalizeRecoveryCode("abcde-fghjk")).toBe("abcdefghjk");
    for (const bad of ["", "abcde", "abcde-fghjkm", "abcde-fgh0k", "abcde-fghik", "'; drop table"])
      expect(hashRecoveryCode(bad)).toBeNull();
  });
});
