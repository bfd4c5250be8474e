"use server";

import { revalidatePath } from "next/cache";
import { actionWithUser } from "@/lib/http/action";
import { done, type Outcome } from "@/lib/outcome";
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, startEnrolment } from "@/lib/two-factor/manage";
import { confirmEnrolmentSchema } from "@/lib/two-factor/schemas";
import { z } from "@/lib/zod";

// Everyone who is signed in may manage their own two-factor settings, including someone a role obliges
// to set it up before anything else (duringEnrolment).

/** A refusal re-renders the page too: when the "confirm it's you" has gone stale, the form for it comes back. */
function refreshedOnRefusal<T>(result: Outcome<T>): Outcome<T> {
  if (!result.ok) revalidatePath("/account/two-factor");
  return result;
}

export const startEnrolmentAction = actionWithUser(
  z.object({}),
  async (_data, { user }): Promise<Outcome> => {
    const result = await startEnrolment(user.id, user.sessionId);
    if (!result.ok) return refreshedOnRefusal(result);
    revalidatePath("/account/two-factor");
    return done();
  },
  { duringEnrolment: true },
);

// No revalidation on success: the page would re-render without the codes, which are shown this once (the value).
export const confirmEnrolmentAction = actionWithUser(
  confirmEnrolmentSchema,
  async ({ code }, { user, context }) => {
    const result = refreshedOnRefusal(await confirmEnrolment(user.id, user.sessionId, code, context));
    return result.ok ? done(result.value, "Two-factor sign-in is on.") : result;
  },
  { duringEnrolment: true },
);

export const regenerateRecoveryCodesAction = actionWithUser(z.object({}), async (_data, { user, context }) => {
  const result = refreshedOnRefusal(await regenerateRecoveryCodes(user.id, user.sessionId, context));
  return result.ok ? done(result.value, "New recovery codes are ready; the old ones no longer work.") : result;
});

export const disableTwoFactorAction = actionWithUser(z.object({}), async (_data, { user, context }): Promise<Outcome> => {
  const result = await disableTwoFactor(user.id, user.sessionId, context);
  if (!result.ok) return refreshedOnRefusal(result);
  revalidatePath("/account", "layout");
  return done(undefined, "Two-factor sign-in is off.");
});
