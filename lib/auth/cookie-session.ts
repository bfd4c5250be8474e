import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { sessionCookieName, usesSecureCookies } from "./cookie-name";

/**
 * The browser's session cookie, decrypted (AES under AUTH_SECRET, so it cannot be forged), or null; no cookie
 * costs nothing. Read directly rather than through Auth.js's auth(), which would re-issue the cookie, and does
 * not answer inside Auth.js's own callbacks or after a session ended.
 */
export async function sessionCookieToken(): Promise<JWT | null> {
  const name = sessionCookieName(usesSecureCookies(env.APP_URL));
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  return decode({ token, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
}
