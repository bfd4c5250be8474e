import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { deliverClaimed, deliverDueEmails, MAX_ATTEMPTS } from "./index";
import { DRAIN_BUDGET_MS, waitForSendSlot } from "./pace";
import { emailPermissions } from "./permissions";
import type { Transport } from "./transport";
import { selectTransport } from "./transport";

// Composed sends go out EMAIL_SEND_RATE messages a second (the provider's limit), oldest due first, in the pace
// every process shares (pace.ts). A drain runs after a send is queued, and on every tick of the retry loop or the
// cron route (which brings scheduled sends in once their time comes). Each drain takes a slot, then claims the
// next due message nobody else holds (SKIP LOCKED), so drains in several processes never send one twice and never
// spend a slot on a message another has taken.

/** Claims the oldest due message of a composed send, as deliverEmail's claim would: its id, or null when none is due. */
async function claimNextComposed(): Promise<string | null> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    UPDATE "EmailMessage" SET "status" = 'SENDING', "attempts" = "attempts" + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" = (
      SELECT "id" FROM "EmailMessage"
      WHERE "sendId" IS NOT NULL AND "status" = 'QUEUED' AND "nextAttemptAt" <= now() AT TIME ZONE 'UTC' AND "attempts" < ${MAX_ATTEMPTS}
      ORDER BY "nextAttemptAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) AND "status" = 'QUEUED'
    RETURNING "id"`;
  return row?.id ?? null;
}

/** Delivers due composed messages in the shared pace at `rate` a second, for at most `budgetMs`; returns how many went out. */
export async function deliverDueSends(
  transport: Transport = selectTransport(),
  { rate = env.EMAIL_SEND_RATE, budgetMs = DRAIN_BUDGET_MS }: { rate?: number; budgetMs?: number } = {},
): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let delivered = 0;
  while (await waitForSendSlot(rate, deadline)) {
    const id = await claimNextComposed();
    if (!id) break;
    if (await deliverClaimed(id, transport)) delivered++;
  }
  return delivered;
}

/**
 * Everything due, within one budget (the retry loop's tick, the cron route): retries and what a crash left, then
 * composed sends. Retries get half, so a long outage's backlog never stalls a send that is going out.
 */
export async function drainOutbox(transport: Transport = selectTransport()): Promise<number> {
  const deadline = Date.now() + DRAIN_BUDGET_MS;
  const retried = await deliverDueEmails(transport, { budgetMs: DRAIN_BUDGET_MS / 2 });
  return retried + (await deliverDueSends(transport, { budgetMs: deadline - Date.now() }));
}

const progressStates = ["QUEUED", "SENDING", "SENT", "FAILED", "DEAD", "CANCELLED", "SUPPRESSED"] as const;
export type SendProgress = Record<(typeof progressStates)[number], number>;

async function progressOf(sendIds: string[]): Promise<Map<string, SendProgress>> {
  const groups = await db.emailMessage.groupBy({ by: ["sendId", "status"], where: { sendId: { in: sendIds } }, _count: { _all: true } });
  const bySend = new Map<string, SendProgress>();
  for (const id of sendIds) bySend.set(id, Object.fromEntries(progressStates.map((state) => [state, 0])) as SendProgress);
  for (const group of groups) {
    if (!group.sendId) continue;
    // Delivery events come after the send: a delivered, bounced or complained message was sent.
    const state = group.status === "DELIVERED" || group.status === "BOUNCED" || group.status === "COMPLAINED" ? "SENT" : group.status;
    bySend.get(group.sendId)![state] += group._count._all;
  }
  return bySend;
}

const sendSelect = {
  id: true,
  subject: true,
  audienceLabel: true,
  recipients: true,
  scheduledAt: true,
  cancelledAt: true,
  createdAt: true,
  createdById: true,
} as const;

/** The latest composed sends with their progress, for the console. */
export async function listSends(actor: Actor, context?: RequestContext, take = 10) {
  await authorize(actor, emailPermissions.send, { context });
  const sends = await db.emailSend.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: sendSelect });
  const progress = await progressOf(sends.map((send) => send.id));
  return sends.map((send) => ({ ...send, progress: progress.get(send.id)! }));
}

export async function getSend(actor: Actor, id: string, context?: RequestContext) {
  await authorize(actor, emailPermissions.send, { context });
  const send = await db.emailSend.findUnique({ where: { id }, select: { ...sendSelect, markdown: true } });
  if (!send) return null;
  return { ...send, progress: (await progressOf([id])).get(id)! };
}

/** Stops every message of the send that has not gone out; those being sent or sent are not called back. */
export async function cancelSend(actor: Actor, id: string, context?: RequestContext): Promise<Outcome<{ cancelled: number }>> {
  await authorize(actor, emailPermissions.send, { context });
  const send = await db.emailSend.findUnique({ where: { id }, select: { id: true } });
  if (!send) return refuse(404, "That send does not exist.", { code: "send_not_found" });
  const { count } = await db.emailMessage.updateMany({
    where: { sendId: id, status: { in: ["QUEUED", "FAILED"] } },
    data: { status: "CANCELLED" },
  });
  if (count === 0) return refuse(409, "Every message of this send has gone out or was stopped already.", { code: "send_finished" });
  await db.emailSend.update({ where: { id }, data: { cancelledAt: new Date() } });
  await audit({
    action: "email.send_cancelled",
    actorId: actor.id,
    target: { type: "email-send", id },
    context,
    details: { cancelled: count },
  });
  return done({ cancelled: count }, `${count} message${count === 1 ? "" : "s"} will not be sent.`);
}
