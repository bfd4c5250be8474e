import { forSession, sessionOnly } from "@/lib/api-auth/session-only";
import { providerIds } from "@/lib/auth/provider-ids";
import { defineOperation } from "@/lib/kernel/operation";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { afterConfirming, passwordProofShape, proofRefusals, renameFields } from "./proof-operations";
import { changePasswordSchema, emailField } from "./schemas";

// How one signs in, over /api/v1, through the functions /account calls: the password (policy, breach check,
// other sessions signed out, audit, email), the email address (confirmed by a link) and linked providers.
// Account-takeover material, so a personal access token is refused (lib/api-auth/session-only.ts).

const tags = ["Me"];

const changePasswordOperation = defineOperation({
  id: "me.change_password",
  method: "POST",
  path: "/me/password",
  summary:
    "Change one's password, as the account page: the current one is required, the new one meets the password policy, every other session is signed out and the owner is told by email",
  tags,
  permission: null,
  refusals: { ...sessionOnly, 401: ["invalid_credentials"], 422: ["weak_password"] },
  input: z.object({
    currentPassword: changePasswordSchema.shape.currentPassword,
    newPassword: changePasswordSchema.shape.password,
  }),
  output: null,
  // The screen's function checks the current password itself, against the sign-in budget.
  handler: forSession(async ({ currentPassword, newPassword }, user, context) => {
    const changed = await (
      await import("./passwords")
    ).changePassword(user.id, user.sessionId, { currentPassword, password: newPassword }, context);
    return changed.ok ? changed : renameFields(changed, { password: "newPassword" });
  }),
});

const changeEmailOperation = defineOperation({
  id: "me.change_email",
  method: "POST",
  path: "/me/email",
  summary:
    "Ask to move the account to a new address, as the account page: a link to the new address confirms it, a link to the current one cancels; nothing changes until the first is opened",
  tags,
  permission: null,
  refusals: { ...sessionOnly, ...proofRefusals, 422: ["email_unchanged"] },
  input: z.object({ newEmail: emailField, ...passwordProofShape }),
  output: null,
  handler: afterConfirming(async ({ newEmail }, user, context) =>
    (await import("./email-change")).requestEmailChange(user.id, user.sessionId, { newEmail }, context),
  ),
});

const signInMethodsSchema = z.object({
  hasPassword: z.boolean(),
  links: z.array(
    z.object({
      provider: z.string().describe("github, google or oidc"),
      email: z.string().nullable().describe("The provider account's address"),
      linkedAt: z.iso.datetime(),
    }),
  ),
});

const listSignInMethodsOperation = defineOperation({
  id: "me.list_sign_in_methods",
  method: "GET",
  path: "/me/sign-in-methods",
  summary: "Whether one has a password, and the provider accounts (GitHub, Google, OIDC) linked to sign in with",
  tags,
  permission: null,
  refusals: sessionOnly,
  input: z.object({}),
  output: signInMethodsSchema,
  handler: forSession(async (_input, user) => {
    const { hasPassword, links } = await (await import("./provider-links")).listSignInMethods(user.id);
    return done({ hasPassword, links: links.map((link) => ({ ...link, linkedAt: link.linkedAt.toISOString() })) });
  }),
});

const removeSignInMethodOperation = defineOperation({
  id: "me.remove_sign_in_method",
  method: "DELETE",
  path: "/me/sign-in-methods/{provider}",
  summary: "Unlink a provider account, as the account page: refused while it is the only way left to sign in",
  tags,
  permission: null,
  refusals: { ...sessionOnly, 404: ["provider_not_found"], 409: ["last_sign_in_method"] },
  input: z.object({ provider: z.enum(providerIds) }),
  output: null,
  handler: forSession(async ({ provider }, user, context) => (await import("./provider-links")).unlinkProvider(user.id, provider, context)),
});

export const signInOperations = [changePasswordOperation, changeEmailOperation, listSignInMethodsOperation, removeSignInMethodOperation];
