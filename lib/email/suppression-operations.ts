import { PAGE_SIZES } from "@/lib/fields";
import { defineOperation } from "@/lib/kernel/operation";
import { listQueryParameters } from "@/lib/kernel/query-parameters";
import { done } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { emailPermissions as p } from "./permissions";
import { suppressionIdSchema, suppressionQuerySchema } from "./suppression-schemas";

// The suppression list over /api/v1, through lib/email/suppression.ts (which authorises and audits again).
// Server code is loaded when called, so this declaration stays importable from scripts and e2e specs.

const tags = ["Email suppressions"];
const suppression = () => import("./suppression");

const suppressionSchema = z.object({
  id: z.string(),
  address: z.string().describe("Lower-cased"),
  reason: z.enum(["BOUNCE", "COMPLAINT"]).describe("A hard bounce, or the recipient reported spam"),
  detail: z.string().describe("The receiving server's words, for a bounce"),
  messageId: z.string().nullable().describe("The stored message the event was about"),
  createdAt: z.iso.datetime(),
});

const listOperation = defineOperation({
  id: "email-suppressions.list",
  method: "GET",
  path: "/email-suppressions",
  summary: "List the addresses only security mail still goes to (hard bounces and complaints), newest first",
  tags,
  permission: p.read,
  input: suppressionQuerySchema,
  output: z.object({
    items: z.array(suppressionSchema),
    page: z.number().int(),
    size: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
  }),
  paged: true,
  query: listQueryParameters(
    suppressionQuerySchema,
    { q: "Part of the address", page: "From 1", size: `One of ${PAGE_SIZES.join(", ")}` },
    50,
  ),
  handler: async (query, { actor, context }) => {
    const page = await (await suppression()).listSuppressions(actor, query, context);
    return done({ ...page, items: page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })) });
  },
});

const liftOperation = defineOperation({
  id: "email-suppressions.lift",
  method: "DELETE",
  path: "/email-suppressions/{id}",
  summary: "Lift a suppression: the address gets every kind of mail again (audited)",
  tags,
  permission: p.manage,
  input: suppressionIdSchema,
  output: null,
  handler: async ({ id }, { actor, context }) => (await suppression()).liftSuppression(actor, id, context),
});

export const suppressionOperations = [listOperation, liftOperation];
