"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { fromOutcome, validatedAction } from "@/lib/http/action";
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

const refresh = (userId: string) => {
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
};

export const updateUserProfileAction = validatedAction(adminProfileSchema, async ({ userId, ...input }, context) => {
  const outcome = await updateUserProfile(await requireUser(), input, userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The profile is saved.");
});

export const setUserRolesAction = validatedAction(userRolesSchema, async ({ userId, roleIds }, context) => {
  const outcome = await setUserRoles(await requireUser(), userId, roleIds, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The roles are saved.");
});

export const disableUserAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await setUserDisabled(await requireUser(), userId, true, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The user is disabled and signed out everywhere.");
});

export const enableUserAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await setUserDisabled(await requireUser(), userId, false, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The user is enabled.");
});

export const unlockUserAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await unlockUser(await requireUser(), userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "Sign-in is unlocked.");
});

export const markVerifiedAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await markEmailVerified(await requireUser(), userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The email address is marked as confirmed.");
});

export const sendResetLinkAction = validatedAction(userIdSchema, async ({ userId }, context) =>
  fromOutcome(await sendPasswordResetLink(await requireUser(), userId, context), "A password reset link is on its way to the user."),
);

export const revokeSessionsAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await revokeUserSessions(await requireUser(), userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, outcome.ok ? `Signed out of ${outcome.value} session${outcome.value === 1 ? "" : "s"}.` : "");
});

export const resetTwoFactorAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await resetUserTwoFactor(await requireUser(), userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "Two-factor sign-in is reset; the user was told by email.");
});

export const deleteUserAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await deleteUser(await requireUser(), userId, context);
  if (outcome.ok) refresh(userId);
  return fromOutcome(outcome, "The account is closed. Its audit trail is kept.");
});

export const purgeUserAction = validatedAction(userIdSchema, async ({ userId }, context) => {
  const outcome = await purgeUser(await requireUser(), userId, context);
  if (outcome.ok) revalidatePath("/admin/users");
  return fromOutcome(outcome, "The user is deleted for good.");
});
