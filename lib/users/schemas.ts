import { nameField } from "@/lib/accounts/schemas";
import { calendarDateField, idField, pageFields } from "@/lib/fields";
import { z } from "@/lib/zod";

// Shared by the admin console's forms, its server actions and the CSV export's query string.

const USER_SORTS = ["createdAt", "email", "name"] as const;

const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional());

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100, "Search for at most 100 characters.").default(""),
  role: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .max(64)
      .regex(/^[a-z0-9_-]+$/i, "Unknown role.")
      .optional(),
  ),
  status: optionalEnum(["active", "disabled", "deleted"]),
  verified: optionalEnum(["yes", "no"]),
  twoFactor: optionalEnum(["on", "off"]),
  sort: z.enum(USER_SORTS, `Sort by one of: ${USER_SORTS.join(", ")}.`).default("createdAt"),
  dir: z.enum(["asc", "desc"], "Sort direction is asc or desc.").default("desc"),
  ...pageFields(25),
});
export type UserListQuery = z.output<typeof userListQuerySchema>;

export const adminProfileSchema = z.object({
  userId: idField,
  firstName: nameField("first name", "a"),
  lastName: nameField("last name", "a"),
  // Empty clears it: an administrator may not know it. The minimum age is the owner's rule at registration.
  dateOfBirth: z.union([
    z.literal(""),
    calendarDateField.refine((value) => value <= new Date().toISOString().slice(0, 10), "A date of birth is not in the future."),
  ]),
});
export type AdminProfileInput = z.input<typeof adminProfileSchema>;

export const userRolesSchema = z.object({ userId: idField, roleIds: z.array(idField).max(50, "Too many roles.") });
export const userIdSchema = z.object({ userId: idField });
