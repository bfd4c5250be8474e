"use server";

import { signIn } from "@/lib/auth";
import { currentSession } from "@/lib/auth/current-user";
import { retryMessage, validatedAction, type ActionResult } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";
import { auditMalformedCode, verifyChallenge, type ChallengeMethod } from "@/lib/two-factor/challenge";
import { recoveryChallengeSchema, totpChallengeSchema } from "@/lib/two-factor/schemas";
import { z } from "@/lib/zod";

const next = z.string().max(2048).optional();

/** Checks the code for this browser's half-finished sign-in; on success `message` is where to go next. */
async function completeSignIn(
  method: ChallengeMethod,
  code: string,
  nextPath: string | undefined,
  context: RequestContext,
): Promise<ActionResult> {
  const field = method === "totp" ? "code" : "recoveryCode";
  const state = await currentSession();
  if (state.stage === "active") return { ok: true, message: safeNextPath(nextPath) };
  if (state.stage !== "two_factor") return { ok: false, formError: "This sign-in has expired. Sign in again with your password." };

  const result = await verifyChallenge(state.sessionId, method, code, context);
  if (!result.ok) {
    if (result.reason === "invalid") {
      const message =
        method === "totp"
          ? "That code is not right, or was already used. Wait for the next code and try again."
          : "That recovery code is not right, or was already used.";
      return { ok: false, fieldErrors: { [field]: [message] } };
    }
    if (result.reason === "rate_limited") return { ok: false, formError: retryMessage(result.retryAfterSeconds ?? 60) };
    if (result.reason === "locked") {
      const minutes = Math.ceil((result.retryAfterSeconds ?? 60) / 60);
      return {
        ok: false,
        formError: `Sign-in is locked after too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      };
    }
    return { ok: false, formError: "This sign-in has expired. Sign in again with your password." };
  }
  // Swaps the half-authenticated cookie for a new, fully signed-in one.
  await signIn("two-factor", { grant: result.grant, redirect: false });
  return { ok: true, message: safeNextPath(nextPath) };
}

const totpInput = totpChallengeSchema.extend({ next });
const recoveryInput = recoveryChallengeSchema.extend({ next });
const checkedTotp = validatedAction(totpInput, ({ code, next }, context) => completeSignIn("totp", code, next, context));
const checkedRecovery = validatedAction(recoveryInput, ({ recoveryCode, next }, context) =>
  completeSignIn("recovery", recoveryCode, next, context),
);

/** Malformed input is refused by validatedAction; audited first, like every refused sign-in. */
async function auditIfMalformed(schema: z.ZodType, input: unknown): Promise<void> {
  if (schema.safeParse(input).success) return;
  const state = await currentSession();
  if (state.stage === "two_factor") await auditMalformedCode(state.sessionId, await currentRequestContext());
}

export async function totpChallengeAction(input: unknown): Promise<ActionResult> {
  await auditIfMalformed(totpInput, input);
  return checkedTotp(input);
}

export async function recoveryChallengeAction(input: unknown): Promise<ActionResult> {
  await auditIfMalformed(recoveryInput, input);
  return checkedRecovery(input);
}
