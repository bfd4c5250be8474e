/**
 * Cookies are Secure whenever the public URL is https, whether TLS ends here or at a proxy in front (where
 * this server speaks plain HTTP and FORCE_HTTPS may be off): the browser only ever talks https to it.
 */
export function usesSecureCookies(appUrl: string | undefined): boolean {
  return appUrl?.startsWith("https://") ?? false;
}

/** __Host-: sent only over HTTPS, only to this exact host, for the whole site. Shared by Auth.js and proxy.ts. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-session" : "session";
}
