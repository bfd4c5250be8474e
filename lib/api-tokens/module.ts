import { defineModule } from "@/lib/kernel/module";
import { apiTokenOperations } from "./operations";
import { apiTokenPermissions } from "./permissions";

const auditActions = {
  "api_token.create": "API token created",
  "api_token.rename": "API token renamed",
  "api_token.revoke": "API token revoked",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    "api-tokens": { permissions: typeof apiTokenPermissions; auditActions: typeof auditActions };
  }
}

// Personal access tokens: a person's own keys to /api/v1 (lib/api-tokens/verify.ts), made at /account/tokens or
// over the API (operations.ts).
// No default grants: only the admin role, which gets every permission, sees everyone's.
export const apiTokensModule = defineModule({
  id: "api-tokens",
  label: "API tokens",
  permissions: apiTokenPermissions,
  requiresTwoFactor: true,
  auditActions,
  nav: [{ href: "/admin/tokens", label: "API tokens", permission: apiTokenPermissions.manage, area: "admin", order: 60 }],
  auditTargets: { api_token: () => "/admin/tokens" },
  operations: apiTokenOperations,
});
