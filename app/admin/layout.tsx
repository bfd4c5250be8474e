import type { Metadata } from "next";
import { AdminNavLink } from "@/components/admin/admin-nav-link";
import { ToastProvider } from "@/components/admin/toasts";
import { adminPermissions } from "@/lib/admin/permissions";
import { requirePermission } from "@/lib/auth/current-user";
import { system } from "@/modules";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

// The console's frame. Signing in and admin:access are checked here for the 403 page; every page and
// action below checks its own permission again, and so does the data layer beneath them.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePermission(adminPermissions.access);
  // The modules' console entries; each page checks its own permission again.
  const sections = system.nav.filter((entry) => entry.area === "admin" && user.permissions.has(entry.permission));
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
