"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/email-change";
import { endOtherSessions, endSession } from "@/lib/accounts/own-sessions";
import { changePassword } from "@/lib/accounts/passwords";
import { updateOwnProfile } from "@/lib/accounts/profile";
import { reauthenticate } from "@/lib/accounts/reauthentication";
import { changeEmailSchema, changePasswordSchema, profileSchema, reauthenticateSchema } from "@/lib/accounts/schemas";
import { requireUser } from "@/lib/auth/current-user";
import { retryMessage, validatedAction } from "@/lib/http/action";

// A refusal re-renders the page too: when the "confirm it's you" has gone stale, the form for it comes back.

export const updateProfileAction = validatedAction(profileSchema, async (data, context) => {
  const user = await requireUser();
  await updateOwnProfile(user, data, context);
  revalidatePath("/", "layout"); // the navbar shows the first name
  return { ok: true, message: "Your profile is saved." };
});

// During enrolment too: someone a role obliges to set up two-factor may need to confirm it's them first.
export const reauthenticateAction = validatedAction(reauthenticateSchema, async (data, context) => {
  const user = await requireUser({ duringEnrolment: true });
  const proof = data.method === "code" ? { code: data.code.replace(/\s/g, "") } : { password: data.password };
  const result = await reauthenticate(user.sessionId, user.id, proof, context);
  if (!result.ok)
    return {
      ok: false,
      fieldErrors: result.fieldErrors,
      formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError,
    };
  revalidatePath("/account", "layout");
  return { ok: true, message: "Thanks, that's you." };
});

export const revokeSessionAction = validatedAction(z.object({ sessionId: z.string().min(1).max(64) }), async ({ sessionId }, context) => {
  const user = await requireUser();
  const result = await endSession(user.id, user.sessionId, sessionId, context);
  revalidatePath("/account");
  return result.ok ? { ok: true, message: "The session was signed out." } : result;
});

export const revokeOtherSessionsAction = validatedAction(z.object({}), async (_data, context) => {
  const user = await requireUser();
  const result = await endOtherSessions(user.id, user.sessionId, context);
  revalidatePath("/account");
  if (!result.ok) return result;
  return {
    ok: true,
    message: result.ended ? `Signed out ${result.ended} other session${result.ended === 1 ? "" : "s"}.` : "There were no other sessions.",
  };
});

export const changePasswordAction = validatedAction(changePasswordSchema, async (data, context) => {
  const user = await requireUser();
  const result = await changePassword(user.id, user.sessionId, data, context);
  if (result.ok) {
    revalidatePath("/account");
    return { ok: true, message: "Your password is changed. Other sessions were signed out." };
  }
  return {
    ok: false,
    fieldErrors: result.fieldErrors,
    formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError,
  };
});

export const changeEmailAction = validatedAction(changeEmailSchema, async (data, context) => {
  const user = await requireUser();
  const result = await requestEmailChange(user.id, user.sessionId, data, context);
  if (result.ok) return { ok: true, message: `We sent a confirmation link to ${data.newEmail}. Your address changes once you open it.` };
  revalidatePath("/account");
  return {
    ok: false,
    fieldErrors: result.fieldErrors,
    formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError,
  };
});
