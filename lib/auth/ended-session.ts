import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sessionCookieName, usesSecureCookies } from "./cookie-name";

// Disabling a user ends all their sessions at once, so the next request finds no session and cannot say why.
// The browser's cookie still names its user (encrypted and authenticated under AUTH_SECRET, so it cannot be
// forged): if an administrator disabled that user, the sign-in page can tell them. Only the browser that held
// the user's own session learns it; a crafted link cannot make the page say it.

/** "disabled" when this browser's ended session belonged to a user who is now disabled; otherwise null. */
export async function endedSessionReason(): Promise<"disabled" | null> {
  const name = sessionCookieName(usesSecureCookies(env.APP_URL));
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  const payload = await decode({ token, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
  if (typeof payload?.sub !== "string") return null;
  const user = await db.user.findUnique({ where: { id: payload.sub }, select: { status: true, deletedAt: true } });
  return user?.status === "DISABLED" && !user.deletedAt ? "disabled" : null;
}
