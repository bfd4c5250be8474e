import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { RequestContext } from "@/lib/request-context";

// The one way to write the audit log. Actions are a closed list so a typo cannot invent a new event and
// filters in the admin console can offer every value.
export const auditActions = [
  "user.register",
  "user.verify_email",
  "user.login",
  "user.login_failed",
  "user.locked",
  "user.logout",
  "user.password_change",
  "user.password_reset_request",
  "user.password_reset",
  "user.email_change_request",
  "user.email_change",
  "user.profile_update",
  "user.two_factor_enable",
  "user.two_factor_disable",
  "user.two_factor_reset",
  "user.two_factor_recovery_codes",
  "user.two_factor_recovery_used",
  "user.two_factor_failed",
  "session.revoke",
  "authz.denied",
  "admin.user_update",
  "admin.user_roles",
  "admin.user_disable",
  "admin.user_enable",
  "admin.user_unlock",
  "admin.user_verify",
  "admin.user_reset_link",
  "admin.user_sessions_revoke",
  "admin.user_delete",
  "admin.user_purge",
  "admin.role_create",
  "admin.role_update",
  "admin.role_delete",
  "admin.role_permissions",
  "admin.audit_export",
  "email.sent",
  "email.failed",
  "user.register_failed",
  "user.password_reset_failed",
  "user.email_change_cancel",
  "user.reauthenticate",
  "user.reauthenticate_failed",
  "admin.administrator_create",
] as const;
export type AuditAction = (typeof auditActions)[number];

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
}
