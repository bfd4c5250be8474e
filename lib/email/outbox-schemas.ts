import { idField, pageFields } from "@/lib/fields";
import { z } from "@/lib/zod";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const outboxStatuses = [
  "queued",
  "sending",
  "sent",
  "failed",
  "dead",
  "cancelled",
  "suppressed",
  "delivered",
  "bounced",
  "complained",
] as const;

// Filters for the outbox list at /admin/emails: a state, a search over recipient and subject, or one message.
export const outboxQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(outboxStatuses, `The state is one of ${outboxStatuses.join(", ")}.`).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(254, "Search for at most 254 characters.").optional()),
  id: z.preprocess(blankToUndefined, idField.optional()),
  ...pageFields(50),
});
export type OutboxQuery = z.output<typeof outboxQuerySchema>;

export const emailIdSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+$/i, "That id is not valid."),
});
