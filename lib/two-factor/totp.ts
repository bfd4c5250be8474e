import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { systemConfig } from "@/system.config";

// RFC 6238 codes as every authenticator app makes them: SHA-1, 6 digits, 30 seconds, a 160-bit secret.

/** One period either side of now, for clocks that drift and people who type slowly. */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, email: string): string {
  return generateURI({ issuer: systemConfig.name, label: email, secret });
}

/** The secret in groups of four, as people type it into an app. */
export function formatManualKey(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/** An inline SVG (no script, no style attribute: nothing a strict CSP would block), made on the server. */
export async function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The time step a valid code belongs to, or null. Steps at or before `afterStep` (the last one accepted)
 * are refused, so a code cannot be used twice, even inside its window.
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null, epochSeconds?: number): Promise<number | null> {
  if (!isTotpShaped(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    afterTimeStep: afterStep ?? undefined,
    epoch: epochSeconds,
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
