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

export const meOperations = [getMeOperation, updateMeOperation];
