"use server";

import { AuthError } from "next-auth";
import { auditInvalidLoginInput } from "@/lib/accounts/login";
import { loginSchema } from "@/lib/accounts/schemas";
import { LoginError, signIn } from "@/lib/auth";
import { TWO_FACTOR_CHALLENGE_PATH, TWO_FACTOR_SETUP_PATH } from "@/lib/auth/current-user";
import { stageAfterPassword } from "@/lib/two-factor/challenge";
import { z } from "@/lib/zod";
import { retryMessage, validatedAction, type ActionResult } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { currentRequestContext } from "@/lib/request-context";
import { systemConfig } from "@/system.config";

const LOCKOUT_SECONDS = systemConfig.accounts.lockoutMinutes * 60;

// Known and unknown addresses get the same words (with the same minutes): the answer reveals no account.
const messages: Record<string, (retryAfterSeconds: number) => string> = {
  invalid: () => "The email address or password is not right.",
  locked: (seconds) => `Too many attempts: sign-in is locked for ${minutes(seconds)}. Try again then, or reset your password.`,
  unverified: () => "Confirm your email address first: use the link we sent you, or ask for a new one below.",
  disabled: () => `This account is disabled. Contact ${systemConfig.supportEmail} if you think this is a mistake.`,
  rate_limited: (seconds) => retryMessage(seconds),
};

function minutes(seconds: number): string {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return `${n} minute${n === 1 ? "" : "s"}`;
}

const loginInput = loginSchema.extend({ next: z.string().max(2048).optional() });

// Malformed input is refused by validatedAction; loginAction audits it first, like every refused sign-in.
const checkedLogin = validatedAction(loginInput, async ({ next, ...data }) => {
  try {
    await signIn("credentials", { ...data, rememberMe: String(data.rememberMe), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "invalid";
      const message = messages[code] ?? messages.invalid!;
      const retryAfter = error instanceof LoginError ? (error.retryAfterSeconds ?? LOCKOUT_SECONDS) : LOCKOUT_SECONDS;
      return { ok: false, formError: message(retryAfter), fieldErrors: code === "unverified" ? { email: ["unverified"] } : undefined };
    }
    throw error;
  }
  const destination = safeNextPath(next);
  const stage = await stageAfterPassword(data.email);
  if (stage === "two_factor") return { ok: true, message: `${TWO_FACTOR_CHALLENGE_PATH}?next=${encodeURIComponent(destination)}` };
  return { ok: true, message: stage === "enrolment" ? TWO_FACTOR_SETUP_PATH : destination };
});

/** Signs in; on success `message` is where to go next (a path on this site). */
export async function loginAction(input: unknown): Promise<ActionResult> {
  if (!loginInput.safeParse(input).success) await auditInvalidLoginInput(await currentRequestContext());
  return checkedLogin(input);
}
