import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { AuditAction } from "@/lib/kernel/registry";
import { countAuditEvent } from "@/lib/observability/metrics";
import type { RequestContext } from "@/lib/request-context";

// The one way to write the audit log. Actions are declared by the modules (and the kernel's own in
// lib/kernel/registry.ts), so a typo cannot invent a new event and the console's filter can offer every value.
export type { AuditAction };

export type AuditEntry = {
  action: AuditAction;
  actorId?: string | null;
  target?: { type: string; id: string } | null;
  context?: Partial<RequestContext>;
  /** Never secrets: a token, password or code here would outlive every rotation. */
  details?: Prisma.InputJsonValue;
};

export async function audit(entry: AuditEntry, client: Prisma.TransactionClient = db): Promise<void> {
  // A copy of the actor's address as it is now: the row stays readable after the account changes or is purged.
  const actor = entry.actorId ? await client.user.findUnique({ where: { id: entry.actorId }, select: { email: true } }) : null;
  await client.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actorId ?? null,
      actorEmail: actor?.email ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ipAddress: entry.context?.ipAddress ?? null,
      userAgent: entry.context?.userAgent ?? null,
      details: entry.details,
    },
  });
  log.info({ audit: entry.action, actorId: entry.actorId, target: entry.target, requestId: entry.context?.requestId }, "audit");
  // Sign-ins, their failures and lockouts are all audited: /api/metrics counts them here (nothing while metrics are off).
  countAuditEvent(entry.action, entry.details);
}
