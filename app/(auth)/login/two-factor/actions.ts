"use server";

import { signIn } from "@/lib/auth";
import { currentSession } from "@/lib/auth/current-user";
import { validatedAction, type ActionResult } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";
import type { RequestContext } from "@/lib/request-context";
import { verifyChallenge, type ChallengeMethod } from "@/lib/two-factor/challenge";
import { recoveryChallengeSchema, totpChallengeSchema } from "@/lib/two-factor/schemas";
import { z } from "@/lib/zod";

const next = z.string().max(2048).optional();

/** Checks the code for this browser's half-finished sign-in; on success `message` is where to go next. */
async function completeSignIn(method: ChallengeMethod, code: string, nextPath: string | undefined, context: RequestContext): Promise<ActionResult> {
  const field = method === "totp" ? "code" : "recoveryCode";
  const state = await currentSession();
  if (state.stage === "active") return { ok: true, message: safeNextPath(nextPath) };
  if (state.stage !== "two_factor") return { ok: false, formError: "This sign-in has expired. Sign in again with your password." };

  const result = await verifyChallenge(state.sessionId, method, code, context);
  if (!result.ok) {
    if (result.reason === "invalid") {
      const message = method === "totp" ? "That code is not right, or was already used. Wait for the next code and try again." : "That recovery code is not right, or was already used.";
      return { ok: false, fieldErrors: { [field]: [message] } };
    }
    if (result.reason === "locked") {
      const minutes = Math.ceil((result.retryAfterSeconds ?? 60) / 60);
      return { ok: false, formError: `Sign-in is locked after too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    return { ok: false, formError: "This sign-in has expired. Sign in again with your password." };
  }
  // Swaps the half-authenticated cookie for a new, fully signed-in one.
  await signIn("two-factor", { grant: result.grant, redirect: false });
  return { ok: true, message: safeNextPath(nextPath) };
}

export const totpChallengeAction = validatedAction(totpChallengeSchema.extend({ next }), ({ code, next }, context) => completeSignIn("totp", code, next, context));

export const recoveryChallengeAction = validatedAction(recoveryChallengeSchema.extend({ next }), ({ recoveryCode, next }, context) =>
  completeSignIn("recovery", recoveryCode, next, context),
);
