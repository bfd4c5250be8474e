import { z } from "zod/mini";

// What an administrator composes (the /admin/emails/new form and POST /api/v1/emails parse the same schema).
// zod/mini keeps the schema light where a page imports it.

/** Merge fields a body or subject may use; each is filled per recipient at delivery, escaped in HTML. */
const mergeFields = ["firstName", "lastName"] as const;

const unknownMergeField = (value: string) =>
  [...value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].every(([, name]) => (mergeFields as readonly string[]).includes(name ?? ""));
const mergeFieldMessage = `Merge fields are ${mergeFields.map((name) => `{{${name}}}`).join(" and ")}.`;

const audienceKinds = ["people", "role", "all"] as const;

// A blank optional field from the form means "not given".
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

export const composeEmailSchema = z.object({
  subject: z.string().check(
    z.trim(),
    z.minLength(1, "Write a subject."),
    z.maxLength(200, "At most 200 characters."),
    // A line break in a header would start a new header (header injection).
    z.refine((value) => !/[\r\n]/.test(value), "The subject must be one line."),
    z.refine((value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(value), "The subject has a control character."),
    z.refine(unknownMergeField, mergeFieldMessage),
  ),
  markdown: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Write the message."),
      z.maxLength(20_000, "At most 20,000 characters."),
      z.refine(unknownMergeField, mergeFieldMessage),
    ),
  audience: z.enum(audienceKinds, "Choose who receives it."),
  /** audience "people": addresses of accounts, separated by commas, spaces or lines. */
  emails: z.optional(z.string().check(z.maxLength(20_000, "Too many addresses."))),
  /** audience "role": the role's id. */
  roleId: z.pipe(z.transform(blank), z.optional(z.string().check(z.maxLength(64), z.regex(/^[a-z0-9_-]+$/i, "Choose a role.")))),
  /** Empty: now. An ISO date-time (the form's datetime-local is read as UTC). */
  scheduledAt: z.pipe(z.transform(blank), z.optional(z.string().check(z.maxLength(40)))),
});

export const previewEmailSchema = z.object({
  subject: z.string().check(z.maxLength(200)),
  markdown: z.string().check(z.maxLength(20_000)),
});

export const sendIdSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9]+$/i, "That id is not valid.")),
});

/** The /account card: which optional mail to receive (security mail has no switch). */
export const emailPreferencesSchema = z.object({ announcements: z.boolean(), notifications: z.boolean() });
