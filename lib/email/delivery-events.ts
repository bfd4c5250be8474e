import "server-only";
import type { EmailStatus, Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { z } from "@/lib/zod";
import { suppressAddress } from "./suppression";

// What the provider tells us after a send (Resend's webhook events), applied to the stored messages, which are
// found by the provider's id kept at send. Each event is applied once: its delivery id (svix-id) is stored in
// the same transaction, so the same delivery again changes nothing, and an event that failed half-way left no
// receipt and is applied in full when the provider retries it.

/** The part of Resend's event payload we read; anything else in it is ignored. */
export const deliveryEventSchema = z.object({
  type: z.string().max(100),
  created_at: z.string().max(64).optional(),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      to: z.array(z.string().max(320)).max(100).optional(),
      // Resend passes on the receiving server's verdict: "Permanent" is a hard bounce, "Transient" a soft one.
      bounce: z.object({ type: z.string().max(50), subType: z.string().max(50).optional(), message: z.string().optional() }).optional(),
    })
    .loose(),
});
type DeliveryEvent = z.output<typeof deliveryEventSchema>;

/** A later event may overwrite an earlier state (delivered, then complained), never the reverse. */
const transitions: Record<string, { status: EmailStatus; from: EmailStatus[] }> = {
  "email.delivered": { status: "DELIVERED", from: ["SENT"] },
  "email.bounced": { status: "BOUNCED", from: ["SENT", "DELIVERED"] },
  "email.complained": { status: "COMPLAINED", from: ["SENT", "DELIVERED"] },
};

/** "applied", or "duplicate" when this delivery id was handled before. */
export async function applyDeliveryEvent(deliveryId: string, event: DeliveryEvent): Promise<"applied" | "duplicate"> {
  return db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: a concurrent copy of the same delivery waits here for this one's commit, then skips.
    const receipt = await tx.webhookReceipt.createMany({ data: [{ id: deliveryId, type: event.type }], skipDuplicates: true });
    if (receipt.count === 0) return "duplicate";
    await applyToMessage(tx, deliveryId, event);
    return "applied";
  });
}

async function applyToMessage(tx: Prisma.TransactionClient, deliveryId: string, event: DeliveryEvent): Promise<void> {
  const transition = transitions[event.type];
  const providerId = event.data.email_id;
  if (!transition || !providerId) return;
  const at = event.created_at && !Number.isNaN(Date.parse(event.created_at)) ? new Date(event.created_at) : new Date();
  const bounce = event.data.bounce;
  await tx.emailMessage.updateMany({
    where: { providerId, status: { in: transition.from } },
    data: {
      status: transition.status,
      deliveryEventAt: at,
      ...(bounce ? { lastError: `Bounced (${bounce.type}): ${bounce.message ?? ""}`.slice(0, 500) } : {}),
    },
  });
  const hard = event.type === "email.complained" || (event.type === "email.bounced" && bounce?.type === "Permanent");
  if (!hard) return;
  const message = await tx.emailMessage.findFirst({ where: { providerId }, select: { id: true, to: true } });
  const addresses = event.data.to?.length ? event.data.to : message ? [message.to] : [];
  for (const address of addresses)
    await suppressAddress(
      {
        address,
        reason: event.type === "email.complained" ? "COMPLAINT" : "BOUNCE",
        detail: bounce?.message ?? "",
        sourceEvent: deliveryId,
        messageId: message?.id,
      },
      tx,
    );
  log.warn({ event: event.type, emailId: message?.id, count: addresses.length }, "email: address suppressed");
}

/** Receipts older than the signature's tolerance can go: such a delivery is refused before it is looked up. */
export async function pruneWebhookReceipts(olderThanMs = 24 * 3600_000): Promise<number> {
  const { count } = await db.webhookReceipt.deleteMany({ where: { receivedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}
