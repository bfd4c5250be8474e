import { defineOperation } from "@/lib/kernel/operation";
import { listQueryParameters } from "@/lib/kernel/query-parameters";
import { PAGE_SIZES, idField } from "@/lib/fields";
import { done, refuse } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { userPermissions as p } from "./permissions";
import { adminProfileSchema, userListQuerySchema, userRolesSchema } from "./schemas";

// The admin console's user actions over /api/v1, through the same lib functions (list.ts, manage.ts): they
// authorise again, apply the hierarchy rule and keep the last administrator. Handlers load that server code
// when called, so this declaration stays importable from scripts and e2e specs. Output schemas name every
// field: what the console shows, never a password hash, a two-factor secret or lockout counters.

const tags = ["Users"];
const byId = z.object({ id: idField });

type Row = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: "ACTIVE" | "DISABLED";
  emailVerified: Date | null;
  twoFactorEnabledAt: Date | null;
  lockedUntil: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
};

/** A deleted account is also DISABLED: "deleted" says more, and matches the list's status filter. */
const statusOf = (row: Row) => (row.deletedAt ? "deleted" : row.status === "ACTIVE" ? "active" : "disabled");

const summaryFields = (row: Row) => ({
  id: row.id,
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  status: statusOf(row),
  emailVerified: row.emailVerified !== null,
  twoFactorEnabled: row.twoFactorEnabledAt !== null,
  // A past lock no longer holds: the console shows none either.
  lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
  createdAt: row.createdAt.toISOString(),
  deletedAt: row.deletedAt?.toISOString() ?? null,
});

const summaryShape = {
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(["active", "disabled", "deleted"]),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  lockedUntil: z.iso.datetime().nullable().describe("Sign-in is locked until then; null when it is not locked"),
  createdAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable(),
};
const userSummarySchema = z.object({ ...summaryShape, roles: z.array(z.string()).describe("Role names") });
const userDetailSchema = z.object({
  ...summaryShape,
  dateOfBirth: z.iso.date().nullable(),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  permissions: z.array(z.string()).describe("What the user's roles grant"),
  activeSessions: z.number().int(),
});
const userPageSchema = z.object({
  items: z.array(userSummarySchema),
  page: z.number().int(),
  size: z.number().int(),
  total: z.number().int(),
  capped: z.boolean().describe("The count stopped at its cap: more pages may follow the last one counted"),
  pages: z.number().int(),
});

const filterDescriptions: Record<keyof typeof userListQuerySchema.shape, string> = {
  q: "Words to find in the email address or names",
  role: "Only holders of this role (by name)",
  status: "active, disabled or deleted (deleted users are listed only with this filter)",
  verified: "yes or no: whether the email address is confirmed",
  twoFactor: "on or off",
  sort: "createdAt, email or name",
  dir: "asc or desc",
  page: "From 1",
  size: `One of ${PAGE_SIZES.join(", ")}`,
};

const listUsersOperation = defineOperation({
  id: "users.list",
  method: "GET",
  path: "/users",
  summary: "List users with the console's search, filters and sorts",
  tags,
  permission: p.read,
  input: userListQuerySchema,
  output: userPageSchema,
  paged: true,
  query: listQueryParameters(userListQuerySchema, filterDescriptions, 25),
  handler: async (query, { actor, context }) => {
    const { listUsers } = await import("./list");
    const { users, total, capped, pages } = await listUsers(actor, query, context);
    const items = users.map((user) => ({ ...summaryFields(user), roles: user.roles }));
    return done({ items, page: query.page, size: query.size, total, capped, pages });
  },
});

const getUserOperation = defineOperation({
  id: "users.get",
  method: "GET",
  path: "/users/{id}",
  summary: "Get one user as the console shows them (recent activity is the audit log's, under its own permission)",
  tags,
  permission: p.read,
  refusals: { 404: ["user_not_found"] },
  input: byId,
  output: userDetailSchema,
  handler: async ({ id }, { actor, context }) => {
    const user = await (await import("./list")).getUserDetail(actor, id, context);
    if (!user) return refuse(404, "That user does not exist.", { code: "user_not_found" });
    return done({
      ...summaryFields(user),
      dateOfBirth: user.dateOfBirth?.toISOString().slice(0, 10) ?? null,
      roles: user.roles,
      permissions: user.permissions.sort(),
      activeSessions: user.activeSessions,
    });
  },
});

const updateUserOperation = defineOperation({
  id: "users.update",
  method: "PATCH",
  path: "/users/{id}",
  summary: "Edit someone's name and date of birth, as the console's profile form (all three fields; an empty or null date clears it)",
  tags,
  permission: p.update,
  refusals: { 404: ["user_not_found"], 409: ["own_account"] },
  input: adminProfileSchema.omit({ userId: true }).extend({
    id: idField,
    // JSON clients clear with null, the form with "": both mean no date of birth.
    dateOfBirth: z.preprocess((v) => (v === null ? "" : v), adminProfileSchema.shape.dateOfBirth),
  }),
  output: null,
  handler: async ({ id, ...profile }, { actor, context }) => (await import("./manage")).updateUserProfile(actor, profile, id, context),
});

const disableUserOperation = defineOperation({
  id: "users.disable",
  method: "POST",
  path: "/users/{id}/disable",
  summary: "Disable a user: they are signed out everywhere and cannot sign in",
  tags,
  permission: p.disable,
  refusals: { 404: ["user_not_found"], 409: ["own_account", "last_admin"] },
  input: byId,
  output: null,
  handler: async ({ id }, { actor, context }) => (await import("./manage")).setUserDisabled(actor, id, true, context),
});

const enableUserOperation = defineOperation({
  id: "users.enable",
  method: "POST",
  path: "/users/{id}/enable",
  summary: "Enable a disabled user",
  tags,
  permission: p.disable,
  refusals: { 404: ["user_not_found"] },
  input: byId,
  output: null,
  handler: async ({ id }, { actor, context }) => (await import("./manage")).setUserDisabled(actor, id, false, context),
});

const deleteUserOperation = defineOperation({
  id: "users.delete",
  method: "DELETE",
  path: "/users/{id}",
  summary: "Delete a user (soft: the account closes, its audit trail stays)",
  tags,
  permission: p.delete,
  refusals: { 404: ["user_not_found"], 409: ["own_account", "last_admin"] },
  input: byId,
  output: null,
  handler: async ({ id }, { actor, context }) => (await import("./manage")).deleteUser(actor, id, context),
});

const setRolesOperation = defineOperation({
  id: "users.set_roles",
  method: "PUT",
  path: "/users/{id}/roles",
  summary:
    "Replace someone's roles, as the console's role form: only roles whose every permission the caller holds can be given or taken, and the last administrator stays one",
  tags,
  permission: p.assign_roles,
  refusals: { 404: ["user_not_found"], 409: ["beyond_own_permissions", "last_admin"], 422: ["unknown_role"] },
  input: z.object({ id: idField, roleIds: userRolesSchema.shape.roleIds.describe("Role ids: the user's whole new set") }),
  output: null,
  example: { roleIds: ["cm0role0000000000000000001"] },
  handler: async ({ id, roleIds }, { actor, context }) => (await import("./manage")).setUserRoles(actor, id, roleIds, context),
});

const unlockUserOperation = defineOperation({
  id: "users.unlock",
  method: "POST",
  path: "/users/{id}/unlock",
  summary: "Lift a sign-in lock left by failed attempts",
  tags,
  permission: p.disable,
  refusals: { 404: ["user_not_found"] },
  input: byId,
  output: null,
  handler: async ({ id }, { actor, context }) => (await import("./manage")).unlockUser(actor, id, context),
});

const revokeSessionsOperation = defineOperation({
  id: "users.revoke_sessions",
  method: "POST",
  path: "/users/{id}/sessions/revoke",
  summary: "Sign someone out everywhere (their pending email change is voided with the sessions)",
  tags,
  permission: p.security,
  refusals: { 404: ["user_not_found"] },
  input: byId,
  output: z.object({ sessionsEnded: z.number().int() }),
  handler: async ({ id }, { actor, context }) => {
    const outcome = await (await import("./manage")).revokeUserSessions(actor, id, context);
    return outcome.ok ? done({ sessionsEnded: outcome.value }) : outcome;
  },
});

export const userOperations = [
  listUsersOperation,
  getUserOperation,
  updateUserOperation,
  disableUserOperation,
  enableUserOperation,
  deleteUserOperation,
  setRolesOperation,
  unlockUserOperation,
  revokeSessionsOperation,
];
