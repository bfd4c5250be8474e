import type { Metadata } from "next";
import { AdminNavLink } from "@/components/admin/admin-nav-link";
import { ToastProvider } from "@/components/admin/toasts";
import { adminPermissions } from "@/lib/admin/permissions";
import { auditPermissions } from "@/lib/audit/permissions";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { rolePermissions } from "@/lib/roles/permissions";
import { userPermissions } from "@/lib/users/permissions";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

// The console's frame. Signing in and admin:access are checked here for the 403 page; every page and
// action below checks its own permission again, and so does the data layer beneath them.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePermission(adminPermissions.access);
  const sections = [
    { href: "/admin", label: "Dashboard", allowed: true },
    { href: "/admin/users", label: "Users", allowed: can(user, userPermissions.read) },
    { href: "/admin/roles", label: "Roles and permissions", allowed: can(user, rolePermissions.read) },
    { href: "/admin/audit", label: "Audit log", allowed: can(user, auditPermissions.read) },
  ].filter((s) => s.allowed);
  return (
    <ToastProvider>
      <div className="container-fluid px-lg-4 py-4">
        <div className="row g-4">
          <nav className="col-lg-2" aria-label="Admin">
            <p className="text-uppercase small fw-semibold text-body-secondary mb-2">Admin console</p>
            <ul className="nav nav-pills flex-lg-column gap-1">
              {sections.map((s) => (
                <li className="nav-item" key={s.href}>
                  <AdminNavLink href={s.href} label={s.label} />
                </li>
              ))}
            </ul>
          </nav>
          <div className="col-lg-10">{children}</div>
        </div>
      </div>
    </ToastProvider>
  );
}
