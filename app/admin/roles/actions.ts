"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { fromOutcome, validatedAction } from "@/lib/http/action";
import { createRole, deleteRole, setRolePermissions, updateRole } from "@/lib/roles/roles";
import { createRoleSchema, roleIdSchema, rolePermissionsSchema, updateRoleSchema } from "@/lib/roles/schemas";

export const createRoleAction = validatedAction(createRoleSchema, async (input, context) => {
  const outcome = await createRole(await requireUser(), input, context);
  if (outcome.ok) revalidatePath("/admin/roles");
  return fromOutcome(outcome, `The role ${input.name} is created.`);
});

export const updateRoleAction = validatedAction(updateRoleSchema, async ({ roleId, ...input }, context) => {
  const outcome = await updateRole(await requireUser(), roleId, input, context);
  if (outcome.ok) revalidatePath("/admin/roles");
  return fromOutcome(outcome, "The role is saved.");
});

export const deleteRoleAction = validatedAction(roleIdSchema, async ({ roleId }, context) => {
  const outcome = await deleteRole(await requireUser(), roleId, context);
  if (outcome.ok) revalidatePath("/admin/roles");
  return fromOutcome(outcome, "The role is deleted.");
});

export const setRolePermissionsAction = validatedAction(rolePermissionsSchema, async ({ roleId, permissions }, context) => {
  const outcome = await setRolePermissions(await requireUser(), roleId, permissions, context);
  if (outcome.ok) revalidatePath("/admin/roles");
  return fromOutcome(outcome, "The permissions are saved.");
});
