import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Authenticated encryption for the few secrets the server must read back (TOTP secrets), so a copy of the
// database alone is not enough to mint codes. Each purpose gets its own key derived from DATA_ENCRYPTION_KEY,
// and the caller binds a box to its row (the user id) so a box moved to another row does not open.

const VERSION = "v1";
const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", env.DATA_ENCRYPTION_KEY, "", `secret-box:${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url; AES-256-GCM with `boundTo` as additional data. */
export function seal(purpose: string, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext, or null when the box is malformed, tampered with, bound elsewhere or sealed under another key. */
export function open(purpose: string, box: string, boundTo: string): string | null {
  const [version, iv, tag, ciphertext, ...rest] = box.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
