/** Only paths on this site, so a crafted link cannot send a person elsewhere after signing in. */
export function safeNextPath(next: unknown, fallback = "/account"): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : fallback;
}
