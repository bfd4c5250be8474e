import "server-only";
import { db } from "@/lib/db";
import { sessionCookieToken } from "./cookie-session";

// Disabling a user ends all their sessions at once, so the next request finds no session and cannot say why.
// The browser's cookie still names its user (encrypted and authenticated under AUTH_SECRET, so it cannot be
// forged): if an administrator disabled that user, the sign-in page can tell them. Only the browser that held
// the user's own session learns it; a crafted link cannot make the page say it.

/** "disabled" when this browser's ended session belonged to a user who is now disabled; otherwise null. */
export async function endedSessionReason(): Promise<"disabled" | null> {
  const payload = await sessionCookieToken();
  if (typeof payload?.sub !== "string") return null;
  const user = await db.user.findUnique({ where: { id: payload.sub }, select: { status: true, deletedAt: true } });
  return user?.status === "DISABLED" && !user.deletedAt ? "disabled" : null;
}
