import { defineModule } from "@/lib/kernel/module";
import { emailOperations } from "./operations";
import { emailPermissions } from "./permissions";

const auditActions = {
  "email.dead": "Email gave up after its last attempt",
  "email.retried": "Admin retried an email",
  "email.cancelled": "Admin cancelled an email",
  "email.composed": "Admin composed an email to send",
  "email.send-cancelled": "Admin cancelled what had not gone out of a composed send",
  "email.unsubscribed": "Someone turned announcements off through the unsubscribe link",
  "email.preferences": "Someone changed their email preferences",
} as const;

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
  nav: [{ href: "/admin/emails", label: "Emails", permission: emailPermissions.read, area: "admin", order: 40 }],
  auditTargets: {
    email: (id) => `/admin/emails?id=${encodeURIComponent(id)}`,
    "email-send": (id) => `/admin/emails/sends/${encodeURIComponent(id)}`,
  },
  operations: emailOperations,
});
