import { z } from "zod";
import { defineOperation } from "@/lib/kernel/operation";
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
  input: refreshInput,
  output: tokenPair,
  handler: async ({ refresh_token }, { context }) => (await apiSessions()).refreshApiSession(refresh_token, context),
});

export const logoutOperation = defineOperation({
  id: "auth.logout",
  method: "POST",
  path: "/auth/logout",
  summary: "End the session a refresh token belongs to: its access tokens stop working at once",
  tags: ["Authentication"],
  permission: null,
  authentication: "none",
  input: refreshInput,
  output: null,
  handler: async ({ refresh_token }, { context }) => (await apiSessions()).endApiSession(refresh_token, context),
});
