import { defineModule } from "@/lib/kernel/module";
import { composeOperations } from "./compose-operations";
import { emailPermissions } from "./permissions";
import { suppressionOperations } from "./suppression-operations";

const auditActions = {
  "email.dead": "Email gave up after its last attempt",
  "email.retried": "Admin retried an email",
  "email.cancelled": "Admin cancelled an email",
  "email.suppression_lifted": "Admin lifted a suppressed address",
  "email.composed": "Admin composed an email to send",
  "email.send_cancelled": "Admin cancelled what had not gone out of a composed send",
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
    // A lifted suppression is gone: the entry itself says which one.
    "email-suppression": () => "/admin/emails/suppressions",
    "email-send": (id) => `/admin/emails/sends/${encodeURIComponent(id)}`,
  },
  operations: [...composeOperations, ...suppressionOperations],
});
