import { systemConfig } from "@/system.config";

// Control characters and backslashes are refused outright: browsers drop tabs and newlines from URLs and read
// "\" as "/", so "/\t/evil.com" or "/\evil.com" would become "//evil.com", another site.
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;

/**
 * Only paths on this site, so a crafted link cannot send a person elsewhere after signing in. Decided the way a
 * browser decides: resolve against our own origin and keep the result only if it is still our origin.
 */
export function safeNextPath(next: unknown, fallback = "/account"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > 2048 || unsafeCharacters.test(next)) return fallback;
  const base = new URL(systemConfig.url);
  let resolved: URL;
  try {
    resolved = new URL(next, base);
  } catch {
    return fallback;
  }
  return resolved.origin === base.origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : fallback;
}
