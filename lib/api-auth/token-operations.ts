import { z } from "zod";
import { defineOperation } from "@/lib/kernel/operation";
import { done, refuse } from "@/lib/outcome";
import { callerSessionId } from "./caller-session";
import { loginSchema } from "@/lib/accounts/schemas";
import { recoveryChallengeSchema, totpChallengeSchema } from "@/lib/two-factor/schemas";

// Sign-in for programs: no caller yet, so no permission; the handlers load server code when called, so this
// declaration stays importable anywhere (the registry, scripts, tests).

const tokenPair = z.object({
  access_token: z.string().describe("A JWT for Authorization: Bearer; valid for expires_in seconds."),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  refresh_token: z.string().describe("Opaque, single use: POST /auth/refresh swaps it for a new pair."),
});

const refreshInput = z.object({ refresh_token: z.string().min(1).max(200) });

const apiSessions = () => import("./api-sessions");

export const tokenOperation = defineOperation({
  id: "auth.token",
  method: "POST",
  path: "/auth/token",
  summary: "Sign in a program: email and password (and a two-factor code when it is on) for an access and a refresh token",
  tags: ["Authentication"],
  permission: null,
  authentication: "none",
  // The web's password check and two-factor challenge, as they refuse (lib/accounts/login.ts, lib/two-factor/challenge.ts).
  refusals: {
    401: ["invalid_credentials", "two_factor_required", "two_factor_code_invalid", "recovery_code_invalid", "challenge_expired"],
    403: ["account_disabled", "email_unverified", "two_factor_setup_required"],
    429: ["account_locked"],
  },
  input: z.object({
    email: loginSchema.shape.email,
    password: loginSchema.shape.password,
    code: z.optional(totpChallengeSchema.shape.code),
    recoveryCode: z.optional(recoveryChallengeSchema.shape.recoveryCode),
  }),
  output: tokenPair,
  handler: async (input, { context }) => (await apiSessions()).signInProgram(input, context),
});

export const refreshOperation = defineOperation({
  id: "auth.refresh",
  method: "POST",
  path: "/auth/refresh",
  summary: "Swap a refresh token for a new pair; the old one is spent, and spending it twice ends the session",
  tags: ["Authentication"],
  permission: null,
  authentication: "none",
  refusals: { 401: ["invalid_grant"] },
  input: refreshInput,
  output: tokenPair,
  handler: async ({ refresh_token }, { context }) => (await apiSessions()).refreshApiSession(refresh_token, context),
});

export const logoutOperation = defineOperation({
  id: "auth.logout",
  method: "POST",
  path: "/auth/logout",
  summary:
    "End a program's session: the one `refresh_token` belongs to, or else the one whose access token is the Bearer. Its access tokens stop working at once",
  tags: ["Authentication"],
  permission: null,
  // An expired or revoked Bearer beside a refresh token must not stop the logout: it counts as none.
  authentication: "optional",
  input: z.object({ refresh_token: refreshInput.shape.refresh_token.optional() }),
  output: null,
  handler: async ({ refresh_token }, { actor, context }) => {
    const sessions = await apiSessions();
    if (refresh_token !== undefined) return sessions.endApiSession(refresh_token, context);
    const sessionId = callerSessionId(actor);
    if (sessionId && (await sessions.endApiSessionById(sessionId, actor.id, context))) return done(undefined);
    return refuse(422, "Send the refresh token, or the access token of the session to end as Bearer.", {
      code: "invalid_input",
      fieldErrors: { refresh_token: ["Send the refresh token, or an access token (Bearer) of the session to end."] },
    });
  },
});
