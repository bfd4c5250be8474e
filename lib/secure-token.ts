import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: for links and session secrets. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of a token: a leaked table row cannot be replayed. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
