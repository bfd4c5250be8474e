import { defineModule } from "@/lib/kernel/module";
import { userOperations } from "./operations";
import { userPermissions } from "./permissions";

const auditActions = {
  "admin.user_update": "Admin edited a profile",
  "admin.user_roles": "Admin changed roles",
  "admin.user_disable": "Admin disabled a user",
  "admin.user_enable": "Admin enabled a user",
  "admin.user_unlock": "Admin unlocked sign-in",
  "admin.user_verify": "Admin confirmed an email address",
  "admin.user_reset_link": "Admin sent a password reset link",
  "admin.user_sessions_revoke": "Admin signed a user out everywhere",
  "admin.user_delete": "Admin deleted a user",
  "admin.user_purge": "Admin deleted a user for good",
  "admin.administrator_create": "Administrator created",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    users: { permissions: typeof userPermissions; auditActions: typeof auditActions };
  }
}

export const usersModule = defineModule({
  id: "users",
  label: "Users",
  permissions: userPermissions,
  requiresTwoFactor: true,
  auditActions,
  nav: [{ href: "/admin/users", label: "Users", permission: userPermissions.read, area: "admin", order: 10 }],
  defaultGrants: { manager: [userPermissions.read, userPermissions.update, userPermissions.disable, userPermissions.security] },
  auditTargets: { user: (id) => `/admin/users/${encodeURIComponent(id)}` },
  operations: userOperations,
});
