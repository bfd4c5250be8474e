import { defineModule } from "@/lib/kernel/module";
import { emailPermissions } from "./permissions";

const auditActions = { "email.sent": "Email sent", "email.failed": "Email failed" } as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    email: { permissions: typeof emailPermissions; auditActions: typeof auditActions };
  }
}

export const emailModule = defineModule({
  id: "email",
  label: "Email",
  permissions: emailPermissions,
  // The outbox holds reset and sign-in links.
  requiresTwoFactor: true,
  auditActions,
});
