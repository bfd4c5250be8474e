import { defineOperation } from "@/lib/kernel/operation";
import { done, refuse } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { composeEmailSchema, sendIdSchema } from "./compose-schemas";
import { emailPermissions as p } from "./permissions";

// Composing over /api/v1, through the functions /admin/emails/new calls (compose.ts, bulk.ts: they authorise
// again, everyone needs email:send_all, rate-limit per sender and audit). Server code loads when called.

const tags = ["Email"];

const progressSchema = z.object({
  QUEUED: z.number().int(),
  SENDING: z.number().int(),
  SENT: z.number().int(),
  FAILED: z.number().int(),
  DEAD: z.number().int(),
  CANCELLED: z.number().int(),
  SUPPRESSED: z.number().int().describe("Not sent: the recipient opted out of announcements"),
});

const composeOperation = defineOperation({
  id: "email.compose",
  method: "POST",
  path: "/emails",
  summary:
    "Compose an email (Markdown, merge fields {{firstName}} and {{lastName}}) to people, a role or everyone (email:send_all), now or at scheduledAt; queued and delivered in paced batches",
  tags,
  permission: p.send,
  refusals: { 422: ["no_recipients"] },
  input: composeEmailSchema,
  output: z.object({ id: z.string(), recipients: z.number().int(), scheduledAt: z.iso.datetime() }),
  successStatus: 201,
  example: { subject: "News for {{firstName}}", markdown: "The **reports** page is live.", audience: "role", roleId: "role-id" },
  handler: async (input, { actor, context }) => (await import("./compose")).composeEmail(actor, input, context),
});

const getSendOperation = defineOperation({
  id: "email.get_send",
  method: "GET",
  path: "/emails/sends/{id}",
  summary: "A composed send's progress: its messages counted by state",
  tags,
  permission: p.send,
  refusals: { 404: ["send_not_found"] },
  input: sendIdSchema,
  output: z.object({
    id: z.string(),
    subject: z.string(),
    audience: z.string(),
    recipients: z.number().int(),
    scheduledAt: z.iso.datetime(),
    cancelledAt: z.iso.datetime().nullable(),
    progress: progressSchema,
  }),
  handler: async ({ id }, { actor, context }) => {
    const send = await (await import("./bulk")).getSend(actor, id, context);
    if (!send) return refuse(404, "That send does not exist.", { code: "send_not_found" });
    return done({
      id: send.id,
      subject: send.subject,
      audience: send.audienceLabel,
      recipients: send.recipients,
      scheduledAt: send.scheduledAt.toISOString(),
      cancelledAt: send.cancelledAt?.toISOString() ?? null,
      progress: send.progress,
    });
  },
});

const cancelSendOperation = defineOperation({
  id: "email.cancel_send",
  method: "POST",
  path: "/emails/sends/{id}/cancel",
  summary: "Stop every message of a composed send that has not gone out",
  tags,
  permission: p.send,
  refusals: { 404: ["send_not_found"], 409: ["send_finished"] },
  input: sendIdSchema,
  output: z.object({ cancelled: z.number().int() }),
  handler: async ({ id }, { actor, context }) => (await import("./bulk")).cancelSend(actor, id, context),
});

const recipientsOperation = defineOperation({
  id: "email.recipients",
  method: "GET",
  path: "/emails/recipients",
  summary: "People an email can go to, matching a few letters of a name or address (at most 10; for the compose form's picker)",
  tags,
  permission: p.send,
  input: z.object({
    q: z.string().check(z.trim(), z.minLength(2, "Type at least 2 characters."), z.maxLength(100, "At most 100 characters.")),
  }),
  output: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
  handler: async ({ q }, { actor, context }) => (await import("./recipients")).findRecipients(actor, q, context),
});

export const composeOperations = [composeOperation, getSendOperation, cancelSendOperation, recipientsOperation];
