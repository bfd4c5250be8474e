"use server";

import { LoginError, signIn } from "@/lib/auth";
import { currentSession } from "@/lib/auth/current-user";
import { validatedAction } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { done, type Outcome } from "@/lib/outcome";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";
import { auditMalformedCode, challengeExpired, verifyChallenge, type ChallengeMethod } from "@/lib/two-factor/challenge";
import { recoveryChallengeSchema, totpChallengeSchema } from "@/lib/two-factor/schemas";
import { z } from "@/lib/zod";

const next = z.string().max(2048).optional();

/** Checks the code for this browser's half-finished sign-in; on success the value is where to go next. */
async function completeSignIn(
  method: ChallengeMethod,
  code: string,
  nextPath: string | undefined,
  context: RequestContext,
): Promise<Outcome<string>> {
  const state = await currentSession();
  if (state.stage === "active") return done(safeNextPath(nextPath));
  if (state.stage !== "two_factor") return challengeExpired();
  const result = await verifyChallenge(state.sessionId, method, code, context);
  if (!result.ok) return result;
  try {
    // Swaps the half-authenticated cookie for a new, fully signed-in one.
    await signIn("two-factor", { grant: result.value, redirect: false });
  } catch (error) {
    if (error instanceof LoginError) return error.refusal; // the grant lost a race (another tab used it)
    throw error;
  }
  return done(safeNextPath(nextPath));
}

const totpInput = z.object({ ...totpChallengeSchema.shape, next });
const recoveryInput = z.object({ ...recoveryChallengeSchema.shape, next });
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

export async function totpChallengeAction(input: unknown): Promise<Outcome<string>> {
  await auditIfMalformed(totpInput, input);
  return checkedTotp(input);
}

export async function recoveryChallengeAction(input: unknown): Promise<Outcome<string>> {
  await auditIfMalformed(recoveryInput, input);
  return checkedRecovery(input);
}
