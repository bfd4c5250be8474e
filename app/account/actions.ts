"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateOwnProfile } from "@/lib/accounts/profile";
import { profileSchema } from "@/lib/accounts/schemas";
import { audit } from "@/lib/audit";
import { signOut } from "@/lib/auth";
import { requireUser } from "@/lib/auth/current-user";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { validatedAction } from "@/lib/http/action";

export const updateProfileAction = validatedAction(profileSchema, async (data, context) => {
  const user = await requireUser();
  await updateOwnProfile(user.id, data, context);
  revalidatePath("/", "layout"); // the navbar shows the first name
  return { ok: true, message: "Your profile is saved." };
});

export const revokeSessionAction = validatedAction(z.object({ sessionId: z.string().min(1).max(64) }), async ({ sessionId }, context) => {
  const user = await requireUser();
  if (sessionId === user.sessionId) return { ok: false, formError: "Use Sign out to end this session." };
  if (!(await revokeSession(user.id, sessionId))) return { ok: false, formError: "That session is already gone." };
  await audit({ action: "session.revoke", actorId: user.id, target: { type: "session", id: sessionId }, context });
  revalidatePath("/account");
  return { ok: true, message: "The session was signed out." };
});

export const revokeOtherSessionsAction = validatedAction(z.object({}), async (_data, context) => {
  const user = await requireUser();
  const count = await revokeOtherSessions(user.id, user.sessionId);
  await audit({ action: "session.revoke", actorId: user.id, target: { type: "user", id: user.id }, context, details: { others: count } });
  revalidatePath("/account");
  return { ok: true, message: count ? `Signed out ${count} other session${count === 1 ? "" : "s"}.` : "There were no other sessions." };
});

export async function logoutAction(): Promise<void> {
  revalidatePath("/", "layout");
  await signOut({ redirectTo: "/" });
}
