"use server";

import { cancelEmailChange } from "@/lib/accounts/email-change";
import { validatedAction } from "@/lib/http/action";
import { z } from "@/lib/zod";

const notValid = "This link does not work any more: the change was already confirmed or cancelled, or a newer one was asked for.";
const messages = { invalid: notValid, used: notValid, expired: "This link has expired, and so has the change it could cancel." };

export const cancelEmailChangeAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await cancelEmailChange(token, context);
  return result.ok
    ? { ok: true, message: "The change is cancelled: your email address stays as it is." }
    : { ok: false, formError: messages[result.reason] };
});
