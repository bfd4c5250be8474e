import { callerSessionId } from "@/lib/api-auth/caller-session";
import { idField } from "@/lib/fields";
import { defineOperation } from "@/lib/kernel/operation";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { profileSchema } from "./schemas";

// The caller's own account over /api/v1: any signed-in person, no permission (permission null). Edits go through
// updateOwnProfile with the account page's schema (date of birth required, minimum age), never the admin
// console's rules. Server code is loaded when called, so this declaration stays importable anywhere.

const tags = ["Me"];

const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.iso.date().nullable(),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
  permissions: z.array(z.string()).describe("What the caller's roles grant"),
});

async function me(actor: { id: string; permissions: ReadonlySet<string> }) {
  const profile = await (await import("./profile")).getProfile(actor.id);
  return done({
    id: actor.id,
    email: profile.email,
    firstName: profile.firstName,
    lastName: profile.lastName,
    dateOfBirth: profile.dateOfBirth?.toISOString().slice(0, 10) ?? null,
    emailVerified: profile.emailVerified !== null,
    createdAt: profile.createdAt.toISOString(),
    permissions: [...actor.permissions].sort(),
  });
}

const getMeOperation = defineOperation({
  id: "me.get",
  method: "GET",
  path: "/me",
  summary: "The caller's own profile and permissions",
  tags,
  permission: null,
  input: z.object({}),
  output: meSchema,
  handler: (_input, { actor }) => me(actor),
});

const updateMeOperation = defineOperation({
  id: "me.update",
  method: "PATCH",
  path: "/me",
  summary: "Edit one's own name and date of birth (all three fields, as the account page)",
  tags,
  permission: null,
  input: profileSchema,
  output: meSchema,
  handler: async (input, { actor, context }) => {
    await (await import("./profile")).updateOwnProfile(actor, input, context);
    return me(actor);
  },
});

const sessionSchema = z.object({
  id: z.string(),
  kind: z.enum(["WEB", "API"]).describe("WEB: a browser's cookie session; API: a program's sign-in (POST /auth/token)"),
  current: z.boolean().describe("The session this request was made with"),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  rememberMe: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});

const listSessionsOperation = defineOperation({
  id: "me.list_sessions",
  method: "GET",
  path: "/me/sessions",
  summary: "One's own signed-in sessions, most recently used first, as the account page lists them",
  tags,
  permission: null,
  input: z.object({}),
  output: z.object({ sessions: z.array(sessionSchema) }),
  handler: async (_input, { actor }) => {
    const current = callerSessionId(actor);
    const sessions = await (await import("@/lib/auth/sessions")).listSessions(actor.id);
    return done({
      sessions: sessions.map((session) => ({
        ...session,
        current: session.id === current,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
      })),
    });
  },
});

const endSessionOperation = defineOperation({
  id: "me.end_session",
  method: "DELETE",
  path: "/me/sessions/{id}",
  summary:
    "Sign one of one's other sessions out, as the account page: not the current one (sign out instead), and only after a recent confirmation (reauthentication_required)",
  tags,
  permission: null,
  refusals: { 401: ["reauthentication_required"], 404: ["session_not_found"], 409: ["current_session"] },
  input: z.object({ id: idField }),
  output: null,
  // A personal access token names no session that could have confirmed anything: it gets reauthentication_required.
  handler: async ({ id }, { actor, context }) =>
    (await import("./own-sessions")).endSession(actor.id, callerSessionId(actor) ?? "", id, context),
});

export const meOperations = [getMeOperation, updateMeOperation, listSessionsOperation, endSessionOperation];
