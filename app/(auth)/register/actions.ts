"use server";

import { registerUser } from "@/lib/accounts/register";
import { registerSchema } from "@/lib/accounts/schemas";
import { retryMessage, validatedAction } from "@/lib/http/action";

export const registerAction = validatedAction(
  registerSchema,
  async (data, context) => {
    const result = await registerUser(data, context);
    if (result.ok) return { ok: true };
    if ("retryAfterSeconds" in result) return { ok: false, formError: retryMessage(result.retryAfterSeconds) };
    return { ok: false, fieldErrors: result.fieldErrors as Record<string, string[]> };
  },
  { auditRefusals: "user.register_failed" },
);
