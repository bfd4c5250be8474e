import "server-only";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { emailPermissions } from "./permissions";

// The compose form's people picker: who an email could go to, by a few letters of a name or address. Only
// those it could reach (active, confirmed, not deleted: what compose.ts queues for), only id, name and address,
// at most ten, and rate-limited per sender, so the lookup cannot page through the directory. Lookups are not
// audited (no read is, here); the send they lead to is.

export type Recipient = { id: string; name: string; email: string };

export const RECIPIENT_MATCHES = 10;

export async function findRecipients(actor: Actor, q: string, context?: RequestContext): Promise<Outcome<Recipient[]>> {
  await authorize(actor, emailPermissions.send, { context });
  const limit = await consumeRateLimit(rateLimits.emailRecipientLookup, actor.id);
  if (!limit.allowed) return refuse(429, "Too many lookups: wait a moment.", { retryAfterSeconds: limit.retryAfterSeconds });
  // Every word must match a name or the address (the users list's search, served by the same trigram indexes).
  const terms = q.split(/\s+/).filter(Boolean).slice(0, 3);
  const users = await db.user.findMany({
    where: {
      status: "ACTIVE",
      deletedAt: null,
      emailVerified: { not: null },
      AND: terms.map((term) => ({
        OR: (["email", "firstName", "lastName"] as const).map((field) => ({ [field]: { contains: term, mode: "insensitive" as const } })),
      })),
    },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: RECIPIENT_MATCHES,
    select: { id: true, firstName: true, lastName: true, email: true },
  });
  return done(users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`.trim(), email: u.email })));
}
