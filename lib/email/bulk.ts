import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { deliverEmail } from "./index";
import { emailPermissions } from "./permissions";
import type { Transport } from "./transport";
import { selectTransport } from "./transport";

// Composed sends go out in paced batches: EMAIL_SEND_RATE messages a second, the provider's limit, from the
// oldest due. A drain runs after a send is queued, and on every tick of the retry loop or the cron route (which
// brings scheduled sends in once their time comes). Each message is claimed by deliverEmail's conditional
// update, so two processes draining at once never send one twice.

const DRAIN_BUDGET_MS = 50_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delivers due composed messages at EMAIL_SEND_RATE a second, for at most `budgetMs`; returns how many went out. */
export async function deliverDueSends(
  transport: Transport = selectTransport(),
  { rate = env.EMAIL_SEND_RATE, budgetMs = DRAIN_BUDGET_MS }: { rate?: number; budgetMs?: number } = {},
): Promise<number> {
  const interval = 1000 / rate;
  const started = Date.now();
  let delivered = 0;
  let attempted = 0;
  while (Date.now() - started < budgetMs) {
    const batch = await db.emailMessage.findMany({
      where: { sendId: { not: null }, status: "QUEUED", nextAttemptAt: { lte: new Date() } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      select: { id: true },
      take: Math.max(1, Math.ceil(rate * 10)),
    });
    if (batch.length === 0) break;
    for (const { id } of batch) {
      const wait = started + attempted * interval - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() - started >= budgetMs) break;
      attempted++;
      if (await deliverEmail(id, transport)) delivered++;
    }
  }
  return delivered;
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
