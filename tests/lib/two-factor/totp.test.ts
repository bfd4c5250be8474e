import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { formatManualKey, newTotpSecret, otpauthUri, qrCodeSvg, verifyTotp } from "@/lib/two-factor/totp";
import { systemConfig } from "@/system.config";

const at = (step: number) => step * 30 + 5; // seconds, a little into the step

describe("TOTP", () => {
  const secret = newTotpSecret();

  it("makes 160-bit base32 secrets and an otpauth URI with the system as issuer", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, "ada@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain(`issuer=${encodeURIComponent(systemConfig.name)}`);
    expect(formatManualKey("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });

  it("accepts the current code and one step either side, and says which step matched", async () => {
    const step = 60_000_000;
    const code = await generate({ secret, epoch: at(step) });
    expect(await verifyTotp(secret, code, null, at(step))).toBe(step);
    expect(await verifyTotp(secret, code, null, at(step + 1))).toBe(step);
    expect(await verifyTotp(secret, code, null, at(step - 1))).toBe(step);
    expect(await verifyTotp(secret, code, null, at(step + 3))).toBeNull();
  });

  it("refuses a code from the last accepted step or earlier (replay), even inside its window", async () => {
    const step = 60_000_100;
    const code = await generate({ secret, epoch: at(step) });
    expect(await verifyTotp(secret, code, step, at(step))).toBeNull();
    expect(await verifyTotp(secret, code, step + 1, at(step))).toBeNull();
    expect(await verifyTotp(secret, code, step - 1, at(step))).toBe(step);
    const next = await generate({ secret, epoch: at(step + 1) });
    expect(await verifyTotp(secret, next, step, at(step + 1))).toBe(step + 1);
  });

  it("refuses malformed codes and codes of another secret", async () => {
    const code = await generate({ secret, epoch: at(1) });
    for (const bad of ["", "12345", "1234567", "abcdef", ` ${code}`]) expect(await verifyTotp(secret, bad, null, at(1))).toBeNull();
    const otherCode = await generate({ secret: newTotpSecret(), epoch: at(1) });
    if (otherCode !== code) expect(await verifyTotp(secret, otherCode, null, at(1))).toBeNull();
  });

  it("draws the QR code as inline SVG with no script or style for a CSP to block", async () => {
    const svg = await qrCodeSvg(otpauthUri(secret, "ada@example.com"));
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(svg).not.toMatch(/<script|style=|on\w+=/i);
  });
});
