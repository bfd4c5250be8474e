import { PAGE_SIZES } from "@/lib/fields";
import { defineOperation } from "@/lib/kernel/operation";
import { listQueryParameters } from "@/lib/kernel/query-parameters";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { auditPermissions as p } from "./permissions";
import { auditQuerySchema } from "./schemas";

// The audit log over /api/v1, through the viewer's listAuditEntries (which authorises again) with the viewer's
// filters. Server code is loaded when called, so this declaration stays importable from scripts and e2e specs.

const entrySchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  action: z.string().describe("`<module>.<verb>`, e.g. user.login or admin.user_roles"),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable().describe("The actor's email address when the entry was written"),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown().describe("What the action recorded: before and after, counts, reasons"),
});

const filterDescriptions: Record<keyof typeof auditQuerySchema.shape, string> = {
  actor: "An actor's id, or email address (with an @)",
  action: "One action, e.g. user.login",
  target: "A target's id",
  from: "From this day (YYYY-MM-DD, UTC)",
  to: "Up to and including this day (YYYY-MM-DD, UTC), not before from",
  page: "From 1",
  size: `One of ${PAGE_SIZES.join(", ")}`,
};

const listAuditOperation = defineOperation({
  id: "audit.list",
  method: "GET",
  path: "/audit",
  summary: "Read the audit log, newest first, with the viewer's filters",
  tags: ["Audit log"],
  permission: p.read,
  input: auditQuerySchema,
  output: z.object({
    items: z.array(entrySchema),
    page: z.number().int(),
    size: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
  }),
  paged: true,
  query: listQueryParameters(auditQuerySchema, filterDescriptions, 50),
  handler: async (query, { actor, context }) => {
    const { total, pages, entries } = await (await import("./query")).listAuditEntries(actor, query, context);
    const items = entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() }));
    return done({ items, page: query.page, size: query.size, total, pages });
  },
});

export const auditOperations = [listAuditOperation];
