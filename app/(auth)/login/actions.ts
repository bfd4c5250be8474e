"use server";

import { AuthError } from "next-auth";
import { auditInvalidLoginInput, invalidCredentials } from "@/lib/accounts/login";
import { loginSchema } from "@/lib/accounts/schemas";
import { LoginError, signIn } from "@/lib/auth";
import { TWO_FACTOR_CHALLENGE_PATH, TWO_FACTOR_SETUP_PATH } from "@/lib/auth/current-user";
import { validatedAction } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { done, type Outcome } from "@/lib/outcome";
import { currentRequestContext } from "@/lib/request-context";
import { stageAfterPassword } from "@/lib/two-factor/challenge";
import { z } from "@/lib/zod";

const loginInput = z.object({ ...loginSchema.shape, next: z.string().max(2048).optional() });

// Malformed input is refused by validatedAction; loginAction audits it first, like every refused sign-in.
const checkedLogin = validatedAction(loginInput, async ({ next, ...data }): Promise<Outcome<string>> => {
  try {
    await signIn("credentials", { ...data, rememberMe: String(data.rememberMe), redirect: false });
  } catch (error) {
    // authenticate() worded the refusal; any other Auth.js failure reads like a wrong password.
    if (error instanceof LoginError) return error.refusal;
    if (error instanceof AuthError) return invalidCredentials();
    throw error;
  }
  const destination = safeNextPath(next);
  const stage = await stageAfterPassword(data.email);
  if (stage === "two_factor") return done(`${TWO_FACTOR_CHALLENGE_PATH}?next=${encodeURIComponent(destination)}`);
  return done(stage === "enrolment" ? TWO_FACTOR_SETUP_PATH : destination);
});

/** Signs in; on success the value is where to go next (a path on this site). */
export async function loginAction(input: unknown): Promise<Outcome<string>> {
  if (!loginInput.safeParse(input).success) await auditInvalidLoginInput(await currentRequestContext());
  return checkedLogin(input);
}
