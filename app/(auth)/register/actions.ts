"use server";

import { registerUser } from "@/lib/accounts/register";
import { registerSchema } from "@/lib/accounts/schemas";
import { validatedAction } from "@/lib/http/action";

export const registerAction = validatedAction(registerSchema, (data, context) => registerUser(data, context), {
  auditRefusals: "user.register_failed",
});
