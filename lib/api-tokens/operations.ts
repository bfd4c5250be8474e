import { forSession, sessionOnly } from "@/lib/api-auth/session-only";
import { defineOperation } from "@/lib/kernel/operation";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { apiTokenPermissions as p } from "./permissions";
import { createTokenSchema, renameTokenSchema, revokeTokenSchema } from "./schemas";

// Personal access tokens over /api/v1, through the functions the /account/tokens and /admin/tokens screens call
// (manage.ts: re-authentication, scopes, ownership, audit). Managing tokens needs a signed-in session, the cookie
// or an access JWT from POST /auth/token, never a personal access token: a leaked token must not be able to mint
// itself successors that outlive its revocation, nor hide by renaming or revoking its siblings. Server code is
// loaded when called, so this declaration stays importable anywhere.

const tags = ["API tokens"];
const manage = () => import("./manage");

const tokenShape = {
  id: z.string(),
  name: z.string(),
  visible: z.string().describe("The prefix and first characters of the secret, to tell tokens apart"),
  scopes: z.array(z.string()).describe("The permissions it may use, as far as its owner still holds them"),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
};
const tokenSchema = z.object(tokenShape);
const ownedTokenSchema = z.object({ ...tokenShape, owner: z.object({ id: z.string(), email: z.string() }) });

type Listing = Awaited<ReturnType<Awaited<ReturnType<typeof manage>>["listOwnTokens"]>>[number];
const iso = (date: Date | null) => date?.toISOString() ?? null;
const serialise = <T extends Listing>(token: T) => ({
  ...token,
  expiresAt: token.expiresAt.toISOString(),
  lastUsedAt: iso(token.lastUsedAt),
  revokedAt: iso(token.revokedAt),
  createdAt: token.createdAt.toISOString(),
});

const listOwnOperation = defineOperation({
  id: "api-tokens.list_own",
  method: "GET",
  path: "/me/tokens",
  summary: "List one's own personal access tokens, newest first (never their secrets)",
  tags,
  permission: null,
  refusals: sessionOnly,
  input: z.object({}),
  output: z.object({ tokens: z.array(tokenSchema) }),
  handler: forSession(async (_input, user) => done({ tokens: (await (await manage()).listOwnTokens(user.id)).map(serialise) })),
});

const createOperation = defineOperation({
  id: "api-tokens.create",
  method: "POST",
  path: "/me/tokens",
  summary:
    "Create a personal access token with some of one's permissions; the secret is answered once. Needs a recent sign-in or confirmation (reauthentication_required)",
  tags,
  permission: null,
  refusals: { ...sessionOnly, 401: ["reauthentication_required"], 422: ["scope_not_held"] },
  input: createTokenSchema,
  output: z.object({
    id: z.string(),
    token: z.string().describe("The secret, for Authorization: Bearer: shown this once, only its hash is kept"),
  }),
  successStatus: 201,
  example: { name: "CI deploy", scopes: ["projects:read"], expiresInDays: 30 },
  handler: forSession(async (input, user, context) => (await manage()).createToken(user, input, context)),
});

const renameOperation = defineOperation({
  id: "api-tokens.rename",
  method: "PATCH",
  path: "/me/tokens/{id}",
  summary: "Rename one of one's own tokens",
  tags,
  permission: null,
  refusals: sessionOnly,
  input: renameTokenSchema,
  output: null,
  handler: forSession(async (input, user, context) => (await manage()).renameToken(user, input, context)),
});

const revokeOwnOperation = defineOperation({
  id: "api-tokens.revoke_own",
  method: "DELETE",
  path: "/me/tokens/{id}",
  summary: "Revoke one of one's own tokens: it stops working at once (revoking a revoked one changes nothing)",
  tags,
  permission: null,
  // Someone else's token is refused as at /account/tokens: forbidden, unless the caller may manage everyone's.
  refusals: { 403: ["token_session_required", "forbidden"] },
  input: revokeTokenSchema,
  output: null,
  handler: forSession(async ({ id }, user, context) => (await manage()).revokeToken(user, id, context)),
});

const listAllOperation = defineOperation({
  id: "api-tokens.list",
  method: "GET",
  path: "/tokens",
  summary: "List everyone's personal access tokens, newest first, with their owners (the latest 500)",
  tags,
  permission: p.manage,
  refusals: sessionOnly,
  input: z.object({}),
  output: z.object({ tokens: z.array(ownedTokenSchema) }),
  handler: forSession(async (_input, user, context) =>
    done({ tokens: (await (await manage()).listAllTokens(user, context)).map(serialise) }),
  ),
});

const revokeAnyOperation = defineOperation({
  id: "api-tokens.revoke",
  method: "DELETE",
  path: "/tokens/{id}",
  summary: "Revoke anyone's personal access token: it stops working at once",
  tags,
  permission: p.manage,
  refusals: sessionOnly,
  input: revokeTokenSchema,
  output: null,
  handler: forSession(async ({ id }, user, context) => (await manage()).revokeToken(user, id, context)),
});

export const apiTokenOperations = [
  listOwnOperation,
  createOperation,
  renameOperation,
  revokeOwnOperation,
  listAllOperation,
  revokeAnyOperation,
];
