import { idField, pageFields } from "@/lib/fields";
import { z } from "@/lib/zod";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

// The suppression list at /admin/emails/suppressions and GET /api/v1/email-suppressions: a search and a page.
export const suppressionQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(254, "Search for at most 254 characters.").optional()),
  ...pageFields(50),
});
export type SuppressionQuery = z.output<typeof suppressionQuerySchema>;

export const suppressionIdSchema = z.object({ id: idField });
