"use server";

import { confirmEmailChange } from "@/lib/accounts/email-change";
import { validatedAction } from "@/lib/http/action";
import { z } from "@/lib/zod";

const messages = {
  invalid: "This confirmation link is not valid.",
  expired: "This confirmation link has expired. Ask for the change again from your account page.",
  used: "This confirmation link was already used.",
  taken: "Another account uses that address now, so it cannot become yours.",
};

export const confirmEmailAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await confirmEmailChange(token, context);
  return result.ok
    ? { ok: true, message: `Your email address is now ${result.email}.` }
    : { ok: false, formError: messages[result.reason] };
});
