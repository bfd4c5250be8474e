"use server";

import { AuthError } from "next-auth";
import { loginSchema } from "@/lib/accounts/schemas";
import { signIn } from "@/lib/auth";
import { z } from "@/lib/zod";
import { retryMessage, validatedAction } from "@/lib/http/action";

const messages: Record<string, string> = {
  invalid: "The email address or password is not right.",
  locked: "Sign-in is locked after too many wrong passwords. Try again later, or reset your password.",
  unverified: "Confirm your email address first: use the link we sent you, or ask for a new one below.",
  disabled: "This account is disabled. Contact support if you think this is a mistake.",
  rate_limited: retryMessage(15 * 60),
};

/** Only paths on this site, so a crafted link cannot send a person elsewhere after signing in. */
function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/account";
}

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
  return { ok: true, message: safeNext(next) };
});
