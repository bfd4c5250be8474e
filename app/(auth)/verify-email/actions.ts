"use server";

import { z } from "zod";
import { resendVerification, verifyEmail } from "@/lib/accounts/register";
import { resendVerificationSchema } from "@/lib/accounts/schemas";
import { retryMessage, validatedAction } from "@/lib/http/action";

const messages = {
  invalid: "This confirmation link is not valid. Ask for a new one below.",
  expired: "This confirmation link has expired. Ask for a new one below.",
  used: "This confirmation link was already used. If your address is confirmed, you can sign in.",
};

export const verifyEmailAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await verifyEmail(token, context);
  return result.ok
    ? { ok: true, message: "Your email address is confirmed. You can sign in now." }
    : { ok: false, formError: messages[result.reason] };
});

export const resendVerificationAction = validatedAction(resendVerificationSchema, async ({ email }, context) => {
  const result = await resendVerification(email, context);
  if (!result.ok) return { ok: false, formError: retryMessage(result.retryAfterSeconds) };
  return { ok: true, message: `If ${email} has an account waiting for confirmation, a new link is on its way.` };
});
