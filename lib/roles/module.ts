import { defineModule } from "@/lib/kernel/module";
import { roleOperations } from "./operations";
import { rolePermissions } from "./permissions";

const auditActions = {
  "admin.role_create": "Role created",
  "admin.role_update": "Role edited",
  "admin.role_delete": "Role deleted",
  "admin.role_permissions": "Role permissions changed",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    roles: { permissions: typeof rolePermissions; auditActions: typeof auditActions };
  }
}

export const rolesModule = defineModule({
  id: "roles",
  label: "Roles and permissions",
  permissions: rolePermissions,
  requiresTwoFactor: true,
  auditActions,
  nav: [{ href: "/admin/roles", label: "Roles and permissions", permission: rolePermissions.read, area: "admin", order: 20 }],
  defaultGrants: { manager: [rolePermissions.read] },
  operations: roleOperations,
});
