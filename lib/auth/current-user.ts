import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { auth } from "./index";

export type CurrentUser = { id: string; sessionId: string; email: string; firstName: string; lastName: string };

/** The signed-in user behind this request (its server-side session checked), or null. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.sessionId || !session.user.id) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, firstName: true, lastName: true, status: true },
  });
  if (!user || user.status !== "ACTIVE") return null;
  return { id: user.id, sessionId: session.sessionId, email: user.email, firstName: user.firstName, lastName: user.lastName };
}

/** For pages and actions that need a signed-in user: anyone else goes to the sign-in page and back. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get("x-pathname") ?? "/account";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  return user;
}
