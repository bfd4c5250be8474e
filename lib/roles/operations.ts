import { defineOperation } from "@/lib/kernel/operation";
import { idField } from "@/lib/fields";
import { done, refuse } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { rolePermissions as p } from "./permissions";

// Roles over /api/v1, read only, from the console's listRoles (which authorises again). Loaded lazily so this
// declaration stays importable from scripts and e2e specs.

const tags = ["Roles"];

const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  locked: z.boolean().describe("The admin role: it always holds every permission"),
  users: z.number().int().describe("How many users hold it"),
  permissions: z.array(z.string()),
});

const listRolesOperation = defineOperation({
  id: "roles.list",
  method: "GET",
  path: "/roles",
  summary: "List roles with what each may do, and every permission there is",
  tags,
  permission: p.read,
  input: z.object({}),
  output: z.object({ roles: z.array(roleSchema), permissions: z.array(z.object({ key: z.string(), description: z.string() })) }),
  handler: async (_input, { actor, context }) => done(await (await import("./roles")).listRoles(actor, context)),
});

const getRoleOperation = defineOperation({
  id: "roles.get",
  method: "GET",
  path: "/roles/{id}",
  summary: "Get one role",
  tags,
  permission: p.read,
  refusals: { 404: ["role_not_found"] },
  input: z.object({ id: idField }),
  output: roleSchema,
  // Roles are few: picking one from the console's list keeps one way of reading them.
  handler: async ({ id }, { actor, context }) => {
    const role = (await (await import("./roles")).listRoles(actor, context)).roles.find((r) => r.id === id);
    return role ? done(role) : refuse(404, "That role does not exist.", { code: "role_not_found" });
  },
});

export const roleOperations = [listRolesOperation, getRoleOperation];
