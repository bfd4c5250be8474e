import "server-only";
import type { EmailCategory, EmailSuppressionReason } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { emailPermissions } from "./permissions";
import type { SuppressionQuery } from "./suppression-schemas";

// Addresses that bounced hard or complained. Mail to them, except SECURITY mail (a reset link someone asked
// for), is marked SUPPRESSED instead of sent: sending on would hurt the sender's reputation with every
// mailbox provider. An administrator lifts a suppression once the address works again.

const normalise = (address: string) => address.trim().toLowerCase();

/** Why this message must not go out (its address is suppressed and it is not security mail), or null. */
export async function suppressionReason(message: { to: string; category: EmailCategory }): Promise<string | null> {
  if (message.category === "SECURITY") return null;
  const found = await db.emailSuppression.findUnique({ where: { address: normalise(message.to) }, select: { reason: true } });
  if (!found) return null;
  return found.reason === "BOUNCE" ? "The address is suppressed: it bounced." : "The address is suppressed: its owner reported spam.";
}

type NewSuppression = { address: string; reason: EmailSuppressionReason; detail: string; sourceEvent: string; messageId?: string };

/** Adds the address once; a second bounce or complaint for it keeps the first row. */
export async function suppressAddress(suppression: NewSuppression, client: Pick<typeof db, "emailSuppression"> = db): Promise<void> {
  await client.emailSuppression.createMany({
    data: [{ ...suppression, address: normalise(suppression.address), detail: suppression.detail.slice(0, 500) }],
    skipDuplicates: true,
  });
}

export async function listSuppressions(actor: Actor, query: SuppressionQuery, context?: RequestContext) {
  await authorize(actor, emailPermissions.read, { context });
  const where = query.q ? { address: { contains: normalise(query.q) } } : {};
  const [total, items] = await Promise.all([
    db.emailSuppression.count({ where }),
    db.emailSuppression.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: { id: true, address: true, reason: true, detail: true, messageId: true, createdAt: true },
    }),
  ]);
  return { items, page: query.page, size: query.size, total, pages: Math.max(1, Math.ceil(total / query.size)) };
}

/** Lets mail go to the address again (it works again, or the complaint was a mistake); audited. */
export async function liftSuppression(actor: Actor, id: string, context?: RequestContext): Promise<Outcome> {
  await authorize(actor, emailPermissions.manage, { context });
  const lifted = await db.emailSuppression.deleteMany({ where: { id } });
  if (lifted.count === 0) return refuse(404, "That suppression does not exist (or was lifted already).", { code: "not_found" });
  await audit({ action: "email.suppression_lifted", actorId: actor.id, target: { type: "email-suppression", id }, context });
  return done(undefined, "The address receives mail again.");
}
