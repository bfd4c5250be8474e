"use server";

import { requestPasswordReset, resetPassword } from "@/lib/accounts/passwords";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import { validatedAction } from "@/lib/http/action";
import { done } from "@/lib/outcome";

export const forgotPasswordAction = validatedAction(
  forgotPasswordSchema,
  async ({ email }, context) => {
    const result = await requestPasswordReset(email, context);
    if (!result.ok) return result;
    return done(undefined, `If ${email} has an account, a link to choose a new password is on its way. It works for 30 minutes.`);
  },
  { auditRefusals: "user.password_reset_failed" },
);

export const resetPasswordAction = validatedAction(
  resetPasswordSchema,
  async ({ token, password }, context) => {
    const result = await resetPassword(token, password, context);
    return result.ok
      ? done(undefined, "Your password is changed, and every session was signed out. Sign in with the new password.")
      : result;
  },
  { auditRefusals: "user.password_reset_failed" },
);
