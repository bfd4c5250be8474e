"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { retryMessage, validatedAction, type ActionResult } from "@/lib/http/action";
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, startEnrolment, type TwoFactorResult } from "@/lib/two-factor/manage";
import { confirmEnrolmentSchema } from "@/lib/two-factor/schemas";
import { z } from "@/lib/zod";

// Everyone who is signed in may manage their own two-factor settings, including someone a role obliges
// to set it up before anything else (duringEnrolment).

/** A refusal re-renders the page too: when the "confirm it's you" has gone stale, the form for it comes back. */
function failure(result: Extract<TwoFactorResult, { ok: false }>): ActionResult<never> {
  revalidatePath("/account/two-factor");
  return {
    ok: false,
    fieldErrors: result.fieldErrors,
    formError: result.retryAfterSeconds ? retryMessage(result.retryAfterSeconds) : result.formError,
  };
}

export const startEnrolmentAction = validatedAction(z.object({}), async () => {
  const user = await requireUser({ duringEnrolment: true });
  const result = await startEnrolment(user.id, user.sessionId);
  if (!result.ok) return failure(result);
  revalidatePath("/account/two-factor");
  return { ok: true };
});

// No revalidation on success: the page would re-render without the codes, which are shown this once.
export const confirmEnrolmentAction = validatedAction(
  confirmEnrolmentSchema,
  async ({ code }, context): Promise<ActionResult<string[]>> => {
    const user = await requireUser({ duringEnrolment: true });
    const result = await confirmEnrolment(user.id, user.sessionId, code, context);
    if (!result.ok) return failure(result);
    return { ok: true, message: "Two-factor sign-in is on.", data: result.recoveryCodes };
  },
);

export const regenerateRecoveryCodesAction = validatedAction(z.object({}), async (_data, context): Promise<ActionResult<string[]>> => {
  const user = await requireUser();
  const result = await regenerateRecoveryCodes(user.id, user.sessionId, context);
  if (!result.ok) return failure(result);
  return { ok: true, message: "New recovery codes are ready; the old ones no longer work.", data: result.recoveryCodes };
});

export const disableTwoFactorAction = validatedAction(z.object({}), async (_data, context) => {
  const user = await requireUser();
  const result = await disableTwoFactor(user.id, user.sessionId, context);
  if (!result.ok) return failure(result);
  revalidatePath("/account", "layout");
  return { ok: true, message: "Two-factor sign-in is off." };
});
