import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { bcryptCompare, bcryptHash } from "./bcrypt-pool";

// v1 = bcrypt over base64(HMAC-SHA256(pepper, password)). The pre-hash keeps every password under bcrypt's
// 72-byte limit, so long passphrases are never silently truncated, and a stolen database alone is not enough to
// crack hashes. The version prefix lets a later scheme coexist and rehash on login.
//
// Cost 10: OWASP's floor for bcrypt, and here it guards peppered hashes (cracking needs the pepper too). Each
// step doubles the work: cost 12 made every sign-in four times dearer (bcryptjs on this project's 2-core machine,
// loaded: 731 ms a verification against 250), capping sign-ins per core and multiplying what a flood of the
// sign-in form costs. Hashes made at another cost keep verifying (bcrypt reads the cost from the hash) and are
// rehashed at sign-in.
const VERSION = "v1";
const BCRYPT_COST = 10;

function preHash(password: string): string {
  return createHmac("sha256", env.PASSWORD_PEPPER).update(password.normalize("NFKC"), "utf8").digest("base64");
}

/** Runs on worker threads (bcrypt-pool.ts), so hashing never freezes other requests. */
export async function hashPassword(password: string): Promise<string> {
  return `${VERSION}$${await bcryptHash(preHash(password), BCRYPT_COST)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [version, hash] = splitOnce(stored, "$");
  if (version !== VERSION || !hash) return false;
  return bcryptCompare(preHash(password), hash);
}

/** Whether a stored hash was made under other settings than today's, so a correct password should rehash it. */
export function needsRehash(stored: string): boolean {
  const [version, hash] = splitOnce(stored, "$");
  return version !== VERSION || !hash?.startsWith(`$2b$${BCRYPT_COST}$`);
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const index = value.indexOf(separator);
  return index === -1 ? [value, undefined] : [value.slice(0, index), value.slice(index + 1)];
}
