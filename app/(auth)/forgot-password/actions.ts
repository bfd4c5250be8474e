"use server";

import { requestPasswordReset, resetPassword } from "@/lib/accounts/passwords";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import { retryMessage, validatedAction } from "@/lib/http/action";

export const forgotPasswordAction = validatedAction(
  forgotPasswordSchema,
  async ({ email }, context) => {
    const result = await requestPasswordReset(email, context);
    if (!result.ok) return { ok: false, formError: retryMessage(result.retryAfterSeconds ?? 60) };
    return { ok: true, message: `If ${email} has an account, a link to choose a new password is on its way. It works for 30 minutes.` };
  },
  { auditRefusals: "user.password_reset_failed" },
);

export const resetPasswordAction = validatedAction(
  resetPasswordSchema,
  async ({ token, password }, context) => {
    const result = await resetPassword(token, password, context);
    return result.ok
      ? { ok: true, message: "Your password is changed, and every session was signed out. Sign in with the new password." }
      : { ok: false, fieldErrors: result.fieldErrors, formError: result.formError };
  },
  { auditRefusals: "user.password_reset_failed" },
);
