"use server";

import { revalidatePath } from "next/cache";
import { actionWithUser } from "@/lib/http/action";
import { done, type Outcome } from "@/lib/outcome";
import { createRole, deleteRole, setRolePermissions, updateRole } from "@/lib/roles/roles";
import { createRoleSchema, roleIdSchema, rolePermissionsSchema, updateRoleSchema } from "@/lib/roles/schemas";

// Thin doors onto lib/roles/roles.ts, which authorises and audits.

/** After a change: the roles page shows it; the success says what was done. */
function changed(message: string): Outcome {
  revalidatePath("/admin/roles");
  return done(undefined, message);
}

export const createRoleAction = actionWithUser(createRoleSchema, async (input, { actor, context }) => {
  const outcome = await createRole(actor, input, context);
  return outcome.ok ? changed(`The role ${input.name} is created.`) : outcome;
});

export const updateRoleAction = actionWithUser(updateRoleSchema, async ({ roleId, ...input }, { actor, context }) => {
  const outcome = await updateRole(actor, roleId, input, context);
  return outcome.ok ? changed("The role is saved.") : outcome;
});

export const deleteRoleAction = actionWithUser(roleIdSchema, async ({ roleId }, { actor, context }) => {
  const outcome = await deleteRole(actor, roleId, context);
  return outcome.ok ? changed("The role is deleted.") : outcome;
});

export const setRolePermissionsAction = actionWithUser(rolePermissionsSchema, async ({ roleId, permissions }, { actor, context }) => {
  const outcome = await setRolePermissions(actor, roleId, permissions, context);
  return outcome.ok ? changed("The permissions are saved.") : outcome;
});
