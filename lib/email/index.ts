import "server-only";
import { runAfterResponse } from "@/lib/after-response";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { EmailCategory } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { DRAIN_BUDGET_MS, waitForSendSlot } from "./pace";
import { personalise } from "./personalise";
import { optedOut } from "./preferences";
import type { RenderedEmail } from "./templates";
import { suppressionReason } from "./suppression";
import { selectTransport, type Transport } from "./transport";

// The one entry point for email. A message is stored first, then delivered after the response is sent,
// so sending never slows or breaks the request that caused it. A failed delivery stays in the table and is
// retried with backoff by the loop that lib/boot.ts starts (retry-loop.ts), or on Vercel by the cron route
// (app/api/cron/email); after the last attempt it is a dead letter (DEAD) that an operator can retry.

export { emailTemplates } from "./templates";

const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720];
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;
/** How long a notification waits after its response for a slot in the pace before leaving itself to the drain. */
const PACED_WAIT_MS = 10_000;

type SendOptions = {
  /** SECURITY (the default) is always sent; the others honour the recipient's preferences and suppressions. */
  category?: EmailCategory;
  /** The recipient's account, where there is one: preferences and unsubscribe are per account. */
  userId?: string;
  /** Extra headers for the provider, such as List-Unsubscribe. */
  headers?: Record<string, string>;
};

/** Takes the rendering as it comes from emailTemplates (a promise: React Email renders asynchronously). */
export async function sendEmail(
  to: string,
  rendering: RenderedEmail | Promise<RenderedEmail>,
  { category = "SECURITY", userId, headers }: SendOptions = {},
): Promise<string> {
  const email = await rendering;
  const message = await db.emailMessage.create({
    data: { to, subject: email.subject, html: email.html, text: email.text, template: email.template, category, userId, headers },
  });
  // Security mail goes at once; the rest waits its turn in the shared pace, or is left to the next drain.
  runAfterResponse("email delivery", async () =>
    category === "SECURITY" || (await waitForSendSlot(env.EMAIL_SEND_RATE, Date.now() + PACED_WAIT_MS)) ? deliverEmail(message.id) : false,
  );
  return message.id;
}

/** Claims one message (so two processes never send it twice) and tries to deliver it. */
export async function deliverEmail(id: string, transport: Transport = selectTransport()): Promise<boolean> {
  const claimed = await db.emailMessage.updateMany({
    where: { id, status: { in: ["QUEUED", "FAILED"] }, attempts: { lt: MAX_ATTEMPTS } },
    data: { status: "SENDING", attempts: { increment: 1 } },
  });
  return claimed.count === 1 && deliverClaimed(id, transport);
}

/** Delivers a message this process has claimed (SENDING, this attempt counted): sent, failed, or withheld. */
export async function deliverClaimed(id: string, transport: Transport): Promise<boolean> {
  const stored = await db.emailMessage.findUniqueOrThrow({ where: { id } });
  const withheld = await suppressionReason(stored);
  if (withheld) return withhold(id, withheld);
  // Preferences are asked at delivery, so opting out also stops what was queued before.
  if (await optedOut(stored)) return withhold(id, "the recipient opted out of this category");
  try {
    const message = await personalise(stored);
    const { providerId } = await transport.send(message);
    await db.emailMessage.update({
      where: { id },
      // Links in a delivered message are live secrets: keep the record, drop the body (the outbox keeps it
      // because it is the mailbox people read in development).
      data: {
        status: "SENT",
        sentAt: new Date(),
        providerId,
        lastError: null,
        ...(transport.name === "outbox" ? {} : { html: "", text: "" }),
      },
    });
    return true;
  } catch (error) {
    const delay = RETRY_DELAYS_MINUTES[stored.attempts - 1];
    const lastError = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
    await db.emailMessage.update({
      where: { id },
      data: { status: delay === undefined ? "DEAD" : "FAILED", lastError, nextAttemptAt: new Date(Date.now() + (delay ?? 0) * 60_000) },
    });
    if (delay === undefined) {
      log.error({ emailId: id, attempt: stored.attempts, err: error }, "email: last attempt failed, given up");
      await audit({ action: "email.dead", target: { type: "email", id }, details: { attempts: stored.attempts, lastError } });
    } else log.warn({ emailId: id, attempt: stored.attempts, err: error }, "email: delivery failed");
    return false;
  }
}

/** Not sending is the delivery's end for this message: it is SUPPRESSED with the reason, never retried. */
async function withhold(id: string, reason: string): Promise<false> {
  await db.emailMessage.update({ where: { id }, data: { status: "SUPPRESSED", lastError: reason } });
  return false;
}

/** Delivers every message that is due: new ones left behind by a crash, and failed ones whose wait is over. */
export async function deliverDueEmails(
  transport: Transport = selectTransport(),
  { rate = env.EMAIL_SEND_RATE, budgetMs = DRAIN_BUDGET_MS }: { rate?: number; budgetMs?: number } = {},
): Promise<number> {
  const deadline = Date.now() + budgetMs;
  // A process that died mid-send leaves SENDING behind: after ten minutes, hand it back to the retries (the
  // provider's idempotency key keeps a message it did send from going twice), or to the dead letters if that
  // was its last attempt.
  const stale = new Date(Date.now() - 10 * 60_000);
  await db.emailMessage.updateMany({
    where: { status: "SENDING", updatedAt: { lt: stale }, attempts: { lt: MAX_ATTEMPTS } },
    data: { status: "FAILED", lastError: "interrupted while sending" },
  });
  await db.emailMessage.updateMany({
    where: { status: "SENDING", updatedAt: { lt: stale }, attempts: { gte: MAX_ATTEMPTS } },
    data: { status: "DEAD", lastError: "interrupted while sending" },
  });
  const due = await db.emailMessage.findMany({
    where: {
      attempts: { lt: MAX_ATTEMPTS },
      OR: [
        // Composed sends' queued messages are bulk.ts's, paced and scheduled.
        { status: "QUEUED", sendId: null, createdAt: { lt: new Date(Date.now() - 60_000) } },
        { status: "FAILED", nextAttemptAt: { lte: new Date() } },
      ],
    },
    select: { id: true, category: true },
    take: 50,
    orderBy: { createdAt: "asc" },
  });
  let delivered = 0;
  let paced = true;
  for (const { id, category } of due) {
    // Once the pace has no slot before the deadline, the rest of the paced mail waits for the next drain.
    if (category !== "SECURITY") {
      paced = paced && (await waitForSendSlot(rate, deadline));
      if (!paced) continue;
    }
    if (await deliverEmail(id, transport)) delivered++;
  }
  return delivered;
}
