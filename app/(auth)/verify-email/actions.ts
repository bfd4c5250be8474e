"use server";

import { z } from "zod";
import { resendVerification, verifyEmail } from "@/lib/accounts/register";
import { resendVerificationSchema } from "@/lib/accounts/schemas";
import { validatedAction } from "@/lib/http/action";
import { done } from "@/lib/outcome";

export const verifyEmailAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await verifyEmail(token, context);
  return result.ok ? done(undefined, "Your email address is confirmed. You can sign in now.") : result;
});

export const resendVerificationAction = validatedAction(resendVerificationSchema, async ({ email }, context) => {
  const result = await resendVerification(email, context);
  if (!result.ok) return result;
  return done(undefined, `If ${email} has an account waiting for confirmation, a new link is on its way.`);
});
