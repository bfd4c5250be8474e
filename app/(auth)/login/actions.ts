"use server";

import { AuthError } from "next-auth";
import { loginSchema } from "@/lib/accounts/schemas";
import { signIn } from "@/lib/auth";
import { TWO_FACTOR_CHALLENGE_PATH, TWO_FACTOR_SETUP_PATH } from "@/lib/auth/current-user";
import { stageAfterPassword } from "@/lib/two-factor/challenge";
import { z } from "@/lib/zod";
import { retryMessage, validatedAction } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";

const messages: Record<string, string> = {
  invalid: "The email address or password is not right.",
  locked: "Sign-in is locked after too many wrong attempts. Try again later, or reset your password.",
  unverified: "Confirm your email address first: use the link we sent you, or ask for a new one below.",
  disabled: "This account is disabled. Contact support if you think this is a mistake.",
  rate_limited: retryMessage(15 * 60),
};

const loginInput = loginSchema.extend({ next: z.string().max(2048).optional() });

/** Signs in; on success `message` is where to go next (a path on this site). */
export const loginAction = validatedAction(loginInput, async ({ next, ...data }) => {
  try {
    await signIn("credentials", { ...data, rememberMe: String(data.rememberMe), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "invalid";
      return { ok: false, formError: messages[code] ?? messages.invalid, fieldErrors: code === "unverified" ? { email: ["unverified"] } : undefined };
    }
    throw error;
  }
  const destination = safeNextPath(next);
  const stage = await stageAfterPassword(data.email);
  if (stage === "two_factor") return { ok: true, message: `${TWO_FACTOR_CHALLENGE_PATH}?next=${encodeURIComponent(destination)}` };
  return { ok: true, message: stage === "enrolment" ? TWO_FACTOR_SETUP_PATH : destination };
});
