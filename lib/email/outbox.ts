import "server-only";
import type { EmailStatus, Prisma } from "@/generated/prisma/client";
import { runAfterResponse } from "@/lib/after-response";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { deliverEmail, MAX_ATTEMPTS } from "./index";
import type { OutboxQuery } from "./outbox-schemas";
import { emailPermissions } from "./permissions";

// The outbox as an operator sees it: every message's state, attempts and last error (never its body, which
// may hold a live link), retry now and cancel. Both changes are one conditional update, so they cannot race
// a delivery in another process: a message being sent or already sent is refused, not touched.

const select = {
  id: true,
  to: true,
  subject: true,
  template: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  sentAt: true,
  createdAt: true,
} as const;

function outboxWhere(query: OutboxQuery): Prisma.EmailMessageWhereInput {
  return {
    ...(query.id ? { id: query.id } : {}),
    ...(query.status ? { status: query.status.toUpperCase() as EmailStatus } : {}),
    ...(query.q
      ? { OR: [{ to: { contains: query.q, mode: "insensitive" } }, { subject: { contains: query.q, mode: "insensitive" } }] }
      : {}),
  };
}

export async function listOutbox(actor: Actor, query: OutboxQuery, context?: RequestContext) {
  await authorize(actor, emailPermissions.read, { context });
  const where = outboxWhere(query);
  const [total, messages] = await Promise.all([
    db.emailMessage.count({ where }),
    db.emailMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.size,
      take: query.size,
      select,
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / query.size)), messages, maxAttempts: MAX_ATTEMPTS };
}

/** Messages an operator should look at: every attempt failed. */
export function countDeadLetters(): Promise<number> {
  return db.emailMessage.count({ where: { status: "DEAD" } });
}

const QUEUE_STATUSES = ["QUEUED", "SENDING", "FAILED", "DEAD"] as const;

/** Messages still to go out, and the dead letters, by status (every status listed, zero or not): /api/metrics's queue depth. */
export async function queueDepth(): Promise<Record<(typeof QUEUE_STATUSES)[number], number>> {
  const groups = await db.emailMessage.groupBy({ by: ["status"], where: { status: { in: [...QUEUE_STATUSES] } }, _count: { _all: true } });
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  return { QUEUED: count("QUEUED"), SENDING: count("SENDING"), FAILED: count("FAILED"), DEAD: count("DEAD") };
}

const missing = () => refuse(404, "That email does not exist.");

/**
 * Sends a failed message now instead of at its next attempt; a dead letter gets one more attempt. Delivery
 * runs after the response, like any send.
 */
export async function retryEmailNow(actor: Actor, id: string, context?: RequestContext): Promise<Outcome> {
  await authorize(actor, emailPermissions.manage, { context });
  const now = new Date();
  const [failed, dead] = await db.$transaction([
    db.emailMessage.updateMany({ where: { id, status: "FAILED" }, data: { nextAttemptAt: now } }),
    db.emailMessage.updateMany({
      where: { id, status: "DEAD" },
      data: { status: "FAILED", nextAttemptAt: now, attempts: MAX_ATTEMPTS - 1 },
    }),
  ]);
  if (failed.count + dead.count === 0) {
    const message = await db.emailMessage.findUnique({ where: { id }, select: { status: true } });
    return message ? refuse(409, `Only a failed email can be retried; this one is ${message.status.toLowerCase()}.`) : missing();
  }
  await audit({ action: "email.retried", actorId: actor.id, target: { type: "email", id }, context, details: { wasDead: dead.count > 0 } });
  runAfterResponse("email retry", () => deliverEmail(id));
  return done(undefined, "The email is being sent again.");
}

/** Stops a message that has not gone out; one being sent right now, or sent, cannot be called back. */
export async function cancelEmail(actor: Actor, id: string, context?: RequestContext): Promise<Outcome> {
  await authorize(actor, emailPermissions.manage, { context });
  const { count } = await db.emailMessage.updateMany({
    where: { id, status: { in: ["QUEUED", "FAILED", "DEAD"] } },
    data: { status: "CANCELLED" },
  });
  if (count === 0) {
    const message = await db.emailMessage.findUnique({ where: { id }, select: { status: true } });
    return message ? refuse(409, `This email is ${message.status.toLowerCase()}: there is nothing to cancel.`) : missing();
  }
  await audit({ action: "email.cancelled", actorId: actor.id, target: { type: "email", id }, context });
  return done(undefined, "The email is cancelled.");
}
