"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/email-change";
import { changePassword } from "@/lib/accounts/passwords";
import { updateOwnProfile } from "@/lib/accounts/profile";
import { changeEmailSchema, changePasswordSchema, profileSchema } from "@/lib/accounts/schemas";
import { audit } from "@/lib/audit";
import { signOut } from "@/lib/auth";
import { requireUser } from "@/lib/auth/current-user";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { retryMessage, validatedAction } from "@/lib/http/action";

export const updateProfileAction = validatedAction(profileSchema, async (data, context) => {
  const user = await requireUser();
  await updateOwnProfile(user, data, context);
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

export const changePasswordAction = validatedAction(changePasswordSchema, async (data, context) => {
  const user = await requireUser();
  const result = await changePassword(user.id, user.sessionId, data, context);
  if (result.ok) {
    revalidatePath("/account");
    return { ok: true, message: "Your password is changed. Other sessions were signed out." };
  }
  return { ok: false, fieldErrors: result.fieldErrors, formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError };
});

export const changeEmailAction = validatedAction(changeEmailSchema, async (data, context) => {
  const user = await requireUser();
  const result = await requestEmailChange(user.id, data, context);
  if (result.ok) return { ok: true, message: `We sent a confirmation link to ${data.newEmail}. Your address changes once you open it.` };
  return { ok: false, fieldErrors: result.fieldErrors, formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError };
});

export async function logoutAction(): Promise<void> {
  revalidatePath("/", "layout");
  await signOut({ redirectTo: "/" });
}
