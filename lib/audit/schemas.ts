import { calendarDateField, pageFields } from "@/lib/fields";
import { z } from "@/lib/zod";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const day = z.preprocess(blankToUndefined, calendarDateField.optional());

// Filters for the audit log viewer and its CSV export (the same query string drives both).
export const auditQuerySchema = z
  .object({
    actor: z.preprocess(blankToUndefined, z.string().trim().max(254, "At most 254 characters.").optional()),
    // `<module>.<verb>`: module ids may hold digits and dashes (support-tickets.create).
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(64)
        .regex(/^[a-z][a-z0-9_-]*\.[a-z_]+$/, "Unknown action.")
        .optional(),
    ),
    target: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(64)
        .regex(/^[a-z0-9_-]+$/i, "A target is an id.")
        .optional(),
    ),
    from: day,
    to: day,
    ...pageFields(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The end date is before the start date." });
export type AuditQuery = z.output<typeof auditQuerySchema>;
