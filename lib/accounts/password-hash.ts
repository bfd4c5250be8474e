import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { bcryptCompare, bcryptHash } from "./bcrypt-pool";

// v1 = bcrypt (cost 12) over base64(HMAC-SHA256(pepper, password)). The pre-hash keeps every password
// under bcrypt's 72-byte limit, so long passphrases are never silently truncated, and a stolen database
// alone is not enough to crack hashes. The version prefix lets a later scheme coexist and rehash on login.
const VERSION = "v1";
const BCRYPT_COST = 12;

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

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const index = value.indexOf(separator);
  return index === -1 ? [value, undefined] : [value.slice(0, index), value.slice(index + 1)];
}
