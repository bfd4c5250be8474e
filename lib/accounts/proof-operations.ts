import { forSession } from "@/lib/api-auth/session-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Outcome, Refusal } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { z } from "@/lib/zod";

// "Confirm it's you" over /api/v1. The screens ask for it in a form of its own before a sensitive change; a program
// sends the proof in the change's own body instead, and it goes through the same reauthenticate() (rate limit
// shared with signing in, audit of every failure) before the screen's own function runs, which then finds the
// session freshly confirmed.

const currentPassword = z.string().min(1).max(1024).describe("The caller's current password");

/** The body field of operations that take the password only (the screens ask for it: no two-factor yet, or a new address). */
export const passwordProofShape = { currentPassword };

/** The body fields of operations the screens let one confirm with the password or a current two-factor code. */
export const passwordOrCodeProof = z
  .object({
    currentPassword: currentPassword.optional(),
    code: z.string().max(20).optional().describe("A current code from the authenticator app, instead of the password"),
  })
  .refine((proof) => (proof.currentPassword === undefined) !== (proof.code === undefined), {
    message: "Send either currentPassword or code.",
    path: ["currentPassword"],
  });

/** The refusals confirming can answer, for an operation's declaration. */
export const proofRefusals = {
  401: ["invalid_credentials", "two_factor_code_invalid", "session_ended", "reauthentication_required"],
} as const;

/** The refusal's field errors under the API's field names (the screens' forms name some fields otherwise). */
export function renameFields(refusal: Refusal, names: Record<string, string>): Refusal {
  if (!refusal.fieldErrors) return refusal;
  const fieldErrors = Object.fromEntries(Object.entries(refusal.fieldErrors).map(([field, errors]) => [names[field] ?? field, errors]));
  return { ...refusal, fieldErrors };
}

type Proof = { currentPassword?: string; code?: string };

/** Checks the proof as the screen's "confirm it's you" does; null when the session is now freshly confirmed. */
async function confirmItsYou(user: CurrentUser, proof: Proof, context: RequestContext): Promise<Refusal | null> {
  const given = proof.code !== undefined ? { code: proof.code.replace(/\s/g, "") } : { password: proof.currentPassword ?? "" };
  const outcome = await (await import("./reauthentication")).reauthenticate(user.sessionId, user.id, given, context);
  return outcome.ok ? null : renameFields(outcome, { password: "currentPassword" });
}

/** A handler for a session's caller only (lib/api-auth/session-only.ts) that runs once the body's proof confirmed it's them. */
export const afterConfirming = <I extends Proof, O>(run: (input: I, user: CurrentUser, context: RequestContext) => Promise<Outcome<O>>) =>
  forSession<I, O>(async (input, user, context) => (await confirmItsYou(user, input, context)) ?? run(input, user, context));
