import "server-only";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { adminPermissions } from "./permissions";

/** The admin dashboard's figures, each one query. */
export async function dashboardStats(actor: Actor) {
  await authorize(actor, adminPermissions.access);
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [byStatus, deleted, unverified, sessions, failedLogins, queuedEmails, failedEmails, deadEmails] = await Promise.all([
    db.user.groupBy({ by: ["status"], where: { deletedAt: null }, _count: { _all: true } }),
    db.user.count({ where: { deletedAt: { not: null } } }),
    db.user.count({ where: { deletedAt: null, emailVerified: null } }),
    db.session.count({ where: { twoFactorPending: false, expires: { gt: now }, absoluteExpiresAt: { gt: now } } }),
    db.auditLog.count({ where: { action: { in: ["user.login_failed", "user.two_factor_failed"] }, createdAt: { gte: dayAgo } } }),
    db.emailMessage.count({ where: { status: { in: ["QUEUED", "SENDING"] } } }),
    db.emailMessage.count({ where: { status: "FAILED" } }),
    db.emailMessage.count({ where: { status: "DEAD" } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    users: { active: count("ACTIVE"), disabled: count("DISABLED"), deleted, unverified },
    sessions,
    failedLogins,
    queuedEmails,
    failedEmails,
    deadEmails,
  };
}
