"use server";

import { confirmEmailChange } from "@/lib/accounts/email-change";
import { validatedAction } from "@/lib/http/action";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";

export const confirmEmailAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await confirmEmailChange(token, context);
  return result.ok ? done(undefined, `Your email address is now ${result.value}.`) : result;
});
