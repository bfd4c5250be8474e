import { defineModule } from "@/lib/kernel/module";
import { auditOperations } from "./operations";
import { auditPermissions } from "./permissions";

const auditActions = { "admin.audit_export": "Audit log exported" } as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    audit: { permissions: typeof auditPermissions; auditActions: typeof auditActions };
  }
}

// The audit log's console pages; writing the log is the kernel's (lib/audit/index.ts).
export const auditModule = defineModule({
  id: "audit",
  label: "Audit log",
  permissions: auditPermissions,
  requiresTwoFactor: true,
  auditActions,
  operations: auditOperations,
  nav: [{ href: "/admin/audit", label: "Audit log", permission: auditPermissions.read, area: "admin", order: 30 }],
  defaultGrants: { manager: [auditPermissions.read] },
});
