"use server";

import { revalidatePath } from "next/cache";
import { actionWithUser } from "@/lib/http/action";
import { done, type Outcome } from "@/lib/outcome";
import {
  deleteUser,
  markEmailVerified,
  purgeUser,
  resetUserTwoFactor,
  revokeUserSessions,
  sendPasswordResetLink,
  setUserDisabled,
  setUserRoles,
  unlockUser,
  updateUserProfile,
} from "@/lib/users/manage";
import { adminProfileSchema, userIdSchema, userRolesSchema } from "@/lib/users/schemas";

// The admin console's user actions: thin doors onto lib/users/manage.ts, which authorises and audits.

/** After a change: the user's page and the list show it; the success says what was done. */
function changed(userId: string, message: string): Outcome {
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return done(undefined, message);
}

export const updateUserProfileAction = actionWithUser(adminProfileSchema, async ({ userId, ...input }, { actor, context }) => {
  const outcome = await updateUserProfile(actor, input, userId, context);
  return outcome.ok ? changed(userId, "The profile is saved.") : outcome;
});

export const setUserRolesAction = actionWithUser(userRolesSchema, async ({ userId, roleIds }, { actor, context }) => {
  const outcome = await setUserRoles(actor, userId, roleIds, context);
  return outcome.ok ? changed(userId, "The roles are saved.") : outcome;
});

export const disableUserAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await setUserDisabled(actor, userId, true, context);
  return outcome.ok ? changed(userId, "The user is disabled and signed out everywhere.") : outcome;
});

export const enableUserAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await setUserDisabled(actor, userId, false, context);
  return outcome.ok ? changed(userId, "The user is enabled.") : outcome;
});

export const unlockUserAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await unlockUser(actor, userId, context);
  return outcome.ok ? changed(userId, "Sign-in is unlocked.") : outcome;
});

export const markVerifiedAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await markEmailVerified(actor, userId, context);
  return outcome.ok ? changed(userId, "The email address is marked as confirmed.") : outcome;
});

export const sendResetLinkAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await sendPasswordResetLink(actor, userId, context);
  return outcome.ok ? done(undefined, "A password reset link is on its way to the user.") : outcome;
});

export const revokeSessionsAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await revokeUserSessions(actor, userId, context);
  return outcome.ok ? changed(userId, `Signed out of ${outcome.value} session${outcome.value === 1 ? "" : "s"}.`) : outcome;
});

export const resetTwoFactorAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await resetUserTwoFactor(actor, userId, context);
  return outcome.ok ? changed(userId, "Two-factor sign-in is reset; the user was told by email.") : outcome;
});

export const deleteUserAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await deleteUser(actor, userId, context);
  return outcome.ok ? changed(userId, "The account is closed. Its audit trail is kept.") : outcome;
});

export const purgeUserAction = actionWithUser(userIdSchema, async ({ userId }, { actor, context }) => {
  const outcome = await purgeUser(actor, userId, context);
  if (!outcome.ok) return outcome;
  revalidatePath("/admin/users");
  return done(undefined, "The user is deleted for good.");
});
