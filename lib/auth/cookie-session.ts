import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { sessionCookieName, usesSecureCookies } from "./cookie-name";

/**
 * The browser's session cookie, decrypted (AES under AUTH_SECRET, so it cannot be forged), or null. For code
 * that runs where Auth.js's auth() does not answer: inside Auth.js's own callbacks, and after a session ended.
 */
export async function sessionCookieToken(): Promise<JWT | null> {
  const name = sessionCookieName(usesSecureCookies(env.APP_URL));
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  return decode({ token, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
}
