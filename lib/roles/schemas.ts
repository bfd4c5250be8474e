import { idField } from "@/lib/fields";
import { z } from "@/lib/zod";

const roleNameField = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z][a-z0-9_-]*$/, "Lower-case letters, digits, - and _, starting with a letter.");

export const createRoleSchema = z.object({ name: roleNameField, description: z.string().trim().max(200, "At most 200 characters.") });
export const updateRoleSchema = createRoleSchema.extend({ roleId: idField });
export const roleIdSchema = z.object({ roleId: idField });
export const rolePermissionsSchema = z.object({
  roleId: idField,
  permissions: z.array(z.string().regex(/^[a-z_]+:[a-z_]+$/, "Unknown permission.")).max(200),
});
