import "server-only";

/**
 * Whether a request that changes state comes from one of our own pages. Next checks this for server actions
 * only; a route handler that acts on the session's cookie must check it itself. Browsers send
 * Sec-Fetch-Site (which a page cannot forge) and Origin on a POST; a request with neither is refused.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (!origin) return site === "same-origin";
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
