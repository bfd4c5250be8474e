"use server";

import { revalidatePath } from "next/cache";
import { createToken, renameToken, revokeToken } from "@/lib/api-tokens/manage";
import { createTokenSchema, renameTokenSchema, revokeTokenSchema } from "@/lib/api-tokens/schemas";
import { actionWithUser } from "@/lib/http/action";

// Thin doors onto lib/api-tokens/manage.ts, which checks the re-authentication, the scopes and ownership, and audits.

export const createTokenAction = actionWithUser(createTokenSchema, async (data, { user, context }) => {
  const outcome = await createToken(user, data, context);
  revalidatePath("/account/tokens"); // a stale confirmation brings its form back
  return outcome;
});

export const renameTokenAction = actionWithUser(renameTokenSchema, async (data, { actor, context }) => {
  const outcome = await renameToken(actor, data, context);
  revalidatePath("/account/tokens");
  return outcome;
});

/** One's own token, or anyone's for holders of api-tokens:manage (the admin list uses it too). */
export const revokeTokenAction = actionWithUser(revokeTokenSchema, async ({ id }, { actor, context }) => {
  const outcome = await revokeToken(actor, id, context);
  revalidatePath("/account/tokens");
  revalidatePath("/admin/tokens");
  return outcome;
});
