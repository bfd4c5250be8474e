import "server-only";
import { randomInt } from "node:crypto";
import { crc32 } from "node:zlib";
import { hashToken } from "@/lib/secure-token";
import { systemConfig } from "@/system.config";

// A personal access token is `<prefix>_` + 32 random base62 characters (about 190 bits) + a 6-character base62
// CRC32 of those 32, like GitHub's `ghp_` tokens: the prefix lets secret scanners recognise a leaked one, and the
// checksum lets them (and us) tell a real-looking token from a typo or a made-up string without a database.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32: any CRC32 fits
/** How many random characters lists show, so people tell their tokens apart. */
const VISIBLE_LENGTH = 8;

export const tokenPrefix = () => `${systemConfig.api.tokenPrefix}_`;

function base62(value: number, length: number): string {
  let out = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(length, "0");
}

const checksum = (random: string) => base62(crc32(random), CHECKSUM_LENGTH);

export type NewToken = { token: string; hash: string; visible: string };

export function newToken(): NewToken {
  const random = Array.from({ length: RANDOM_LENGTH }, () => BASE62[randomInt(62)]).join("");
  const token = `${tokenPrefix()}${random}${checksum(random)}`;
  return { token, hash: hashTokenForStorage(token), visible: random.slice(0, VISIBLE_LENGTH) };
}

/** Whether the string is shaped like one of our tokens and its checksum holds; no database involved. */
export function isWellFormed(token: string): boolean {
  const body = token.slice(tokenPrefix().length);
  if (!token.startsWith(tokenPrefix()) || body.length !== RANDOM_LENGTH + CHECKSUM_LENGTH || !/^[0-9A-Za-z]+$/.test(body)) return false;
  return checksum(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

/**
 * Plain SHA-256, as for session secrets and links (lib/secure-token.ts), not an HMAC: with ~190 random bits
 * there is nothing to guess offline, so a key would add no protection, and tying the hashes to
 * DATA_ENCRYPTION_KEY would silently void every token the day that key is rotated.
 */
export const hashTokenForStorage = (token: string) => hashToken(token);

/**
 * The session id a token's caller carries (lib/api-tokens/verify.ts): a token is no session, so it names none that
 * exists, and what only a signed-in session may do (managing tokens, confirming who one is) can tell it apart.
 */
export const tokenSessionId = (tokenId: string) => `api-token:${tokenId}`;
export const isTokenSessionId = (sessionId: string) => sessionId.startsWith("api-token:");
