import { nameField } from "@/lib/accounts/schemas";
import { z } from "@/lib/zod";

// Shared by the admin console's forms, its server actions and the CSV export's query string.

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const USER_SORTS = ["createdAt", "email", "name"] as const;

/** A real day of the calendar as YYYY-MM-DD: 2024-13-45 and 2023-02-29 fail here, not later as a 500 from the database. */
function isCalendarDate(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}
export const calendarDateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use the form YYYY-MM-DD.", abort: true })
  .refine(isCalendarDate, { message: "That day does not exist.", abort: true });

export const idField = z
  .string()
  .min(1, "Missing id.")
  .max(64, "That id is not valid.")
  .regex(/^[a-z0-9]+$/i, "That id is not valid.");

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
  page: z.coerce
    .number("Page must be a number.")
    .int("Page must be a whole number.")
    .min(1, "Pages start at 1.")
    .max(100_000, "That page is out of range.")
    .default(1),
  size: z.coerce
    .number("Page size must be a number.")
    .refine((v) => (PAGE_SIZES as readonly number[]).includes(v), `Page size is one of ${PAGE_SIZES.join(", ")}.`)
    .default(25),
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
