/** __Host-: sent only over HTTPS, only to this exact host, for the whole site. Shared by Auth.js and proxy.ts. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-session" : "session";
}
