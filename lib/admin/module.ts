import { defineModule } from "@/lib/kernel/module";
import { adminPermissions } from "./permissions";

declare module "@/lib/kernel/registry" {
  interface Register {
    admin: { permissions: typeof adminPermissions; auditActions: Record<never, string> };
  }
}

// The admin console's frame and dashboard; the other console sections are the users, roles and audit modules.
export const adminModule = defineModule({
  id: "admin",
  label: "Admin console",
  permissions: adminPermissions,
  requiresTwoFactor: true,
  nav: [{ href: "/admin", label: "Dashboard", permission: adminPermissions.access, area: "admin", order: 0 }],
  defaultGrants: { manager: [adminPermissions.access] },
});
