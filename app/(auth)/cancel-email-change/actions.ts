"use server";

import { cancelEmailChange } from "@/lib/accounts/email-change";
import { validatedAction } from "@/lib/http/action";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";

export const cancelEmailChangeAction = validatedAction(z.object({ token: z.string().max(200) }), async ({ token }, context) => {
  const result = await cancelEmailChange(token, context);
  return result.ok ? done(undefined, "The change is cancelled: your email address stays as it is.") : result;
});
