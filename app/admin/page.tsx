import type { Metadata } from "next";
import { Link } from "@/components/link";
import { dashboardStats } from "@/lib/admin/dashboard";
import { adminPermissions } from "@/lib/admin/permissions";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { emailPermissions } from "@/lib/email/permissions";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value, href }: { label: string; value: number; href?: string }) {
  const body = (
    <div className="card h-100">
      <div className="card-body">
        <p className="small text-body-secondary mb-1">{label}</p>
        <p className="h3 mb-0" data-testid={`stat-${label.toLowerCase().replace(/\W+/g, "-")}`}>
          {value.toLocaleString("en")}
        </p>
      </div>
    </div>
  );
  return (
    <div className="col-sm-6 col-xl-3">
      {href ? (
        <Link href={href} className="text-decoration-none text-reset">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

export default async function AdminDashboard() {
  const user = await requirePermission(adminPermissions.access);
  const stats = await dashboardStats(user);
  const outbox = (status: string) => (can(user, emailPermissions.read) ? `/admin/emails?status=${status}` : undefined);
  return (
    <>
      <h1 className="h2 mb-4">Dashboard</h1>
      <h2 className="h6 text-body-secondary">Users</h2>
      <div className="row g-3 mb-4">
        <Stat label="Active users" value={stats.users.active} href="/admin/users?status=active" />
        <Stat label="Disabled users" value={stats.users.disabled} href="/admin/users?status=disabled" />
        <Stat label="Unconfirmed email" value={stats.users.unverified} href="/admin/users?verified=no" />
        <Stat label="Deleted users" value={stats.users.deleted} href="/admin/users?status=deleted" />
      </div>
      <h2 className="h6 text-body-secondary">Activity</h2>
      <div className="row g-3">
        <Stat label="Active sessions" value={stats.sessions} />
        <Stat label="Failed sign-ins (24 h)" value={stats.failedLogins} href="/admin/audit?action=user.login_failed" />
      </div>
      <h2 className="h6 text-body-secondary mt-4">Email</h2>
      <div className="row g-3">
        <Stat label="Queued emails" value={stats.queuedEmails} href={outbox("queued")} />
        <Stat label="Failed emails (retrying)" value={stats.failedEmails} href={outbox("failed")} />
        <Stat label="Undeliverable emails" value={stats.deadEmails} href={outbox("dead")} />
      </div>
    </>
  );
}
