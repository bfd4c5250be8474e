import { defineModule } from "@/lib/kernel/module";
import { emailPermissions } from "./permissions";

export const emailModule = defineModule({
  id: "email",
  label: "Email",
  permissions: emailPermissions,
  // The outbox holds reset and sign-in links.
  requiresTwoFactor: true,
  auditActions: { "email.sent": "Email sent", "email.failed": "Email failed" },
});
