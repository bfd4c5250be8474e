"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/email-change";
import { endOtherSessions, endSession } from "@/lib/accounts/own-sessions";
import { changePassword } from "@/lib/accounts/passwords";
import { updateOwnProfile } from "@/lib/accounts/profile";
import { reauthenticate } from "@/lib/accounts/reauthentication";
import { changeEmailSchema, changePasswordSchema, profileSchema, reauthenticateSchema } from "@/lib/accounts/schemas";
import { emailPreferencesSchema } from "@/lib/email/compose-schemas";
import { updateOwnEmailPreferences } from "@/lib/email/preferences";
import { actionWithUser } from "@/lib/http/action";
import { done } from "@/lib/outcome";

// A refusal re-renders the page too: when the "confirm it's you" has gone stale, the form for it comes back.

export const updateProfileAction = actionWithUser(profileSchema, async (data, { user, context }) => {
  await updateOwnProfile(user, data, context);
  revalidatePath("/", "layout"); // the navbar shows the first name
  return done(undefined, "Your profile is saved.");
});

export const updateEmailPreferencesAction = actionWithUser(emailPreferencesSchema, async (data, { user, context }) => {
  await updateOwnEmailPreferences(user.id, data, context);
  revalidatePath("/account");
  return done(undefined, "Your email preferences are saved.");
});

// During enrolment too: someone a role obliges to set up two-factor may need to confirm it's them first.
export const reauthenticateAction = actionWithUser(
  reauthenticateSchema,
  async (data, { user, context }) => {
    const proof = data.method === "code" ? { code: data.code.replace(/\s/g, "") } : { password: data.password };
    const result = await reauthenticate(user.sessionId, user.id, proof, context);
    if (!result.ok) return result;
    revalidatePath("/account", "layout");
    return done(undefined, "Thanks, that's you.");
  },
  { duringEnrolment: true },
);

export const revokeSessionAction = actionWithUser(
  z.object({ sessionId: z.string().min(1).max(64) }),
  async ({ sessionId }, { user, context }) => {
    const result = await endSession(user.id, user.sessionId, sessionId, context);
    revalidatePath("/account");
    return result.ok ? done(undefined, "The session was signed out.") : result;
  },
);

export const revokeOtherSessionsAction = actionWithUser(z.object({}), async (_data, { user, context }) => {
  const result = await endOtherSessions(user.id, user.sessionId, context);
  revalidatePath("/account");
  if (!result.ok) return result;
  const ended = result.value;
  return done(undefined, ended ? `Signed out ${ended} other session${ended === 1 ? "" : "s"}.` : "There were no other sessions.");
});

export const changePasswordAction = actionWithUser(changePasswordSchema, async (data, { user, context }) => {
  const result = await changePassword(user.id, user.sessionId, data, context);
  if (!result.ok) return result;
  revalidatePath("/account");
  return done(undefined, "Your password is changed. Other sessions were signed out.");
});

export const changeEmailAction = actionWithUser(changeEmailSchema, async (data, { user, context }) => {
  const result = await requestEmailChange(user.id, user.sessionId, data, context);
  if (result.ok) return done(undefined, `We sent a confirmation link to ${data.newEmail}. Your address changes once you open it.`);
  revalidatePath("/account");
  return result;
});
