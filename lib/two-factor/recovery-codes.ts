import "server-only";
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { env } from "@/lib/env";

// Ten codes of ten characters from 31 letters and digits without look-alikes (no 0/o, 1/l/i): about 49
// random bits each, out of reach of guessing at sign-in's rate limits; a keyed hash keeps a leaked table
// useless offline, so no slow hash is needed. Shown once, stored hashed.

const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const LENGTH = 10;
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/** Case, spaces and the dash do not matter to a person copying a code from paper. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return compact;
}

// A key of its own, derived like lib/crypto/secret-box.ts's: one purpose per key, and the password pepper
// serves passwords alone. (Codes hashed under the pepper before this key existed no longer match.)
let hashKey: Buffer | undefined;
const recoveryCodeKey = () => (hashKey ??= Buffer.from(hkdfSync("sha256", env.DATA_ENCRYPTION_KEY, "", "recovery-code-hash", 32)));

/** HMAC-SHA256 under a key kept outside the database: a leaked table row cannot be tried offline. */
export function hashRecoveryCode(code: string): string | null {
  const normalized = normalizeRecoveryCode(code);
  return normalized ? createHmac("sha256", recoveryCodeKey()).update(normalized).digest("hex") : null;
}
