import type { AuditAction } from "./index";

// What people read in the audit log for each action code. The codes stay in the database and the CSV; an
// action added to lib/audit/index.ts without a label here still reads well (humanised from its code).

const labels = {
  "user.register": "Account registered",
  "user.verify_email": "Email address confirmed",
  "user.login": "Signed in",
  "user.login_failed": "Sign-in failed",
  "user.locked": "Sign-in locked",
  "user.logout": "Signed out",
  "user.password_change": "Password changed",
  "user.password_reset_request": "Password reset requested",
  "user.password_reset": "Password reset",
  "user.email_change_request": "Email change requested",
  "user.email_change": "Email address changed",
  "user.profile_update": "Profile edited",
  "user.two_factor_enable": "Two-factor turned on",
  "user.two_factor_disable": "Two-factor turned off",
  "user.two_factor_reset": "Two-factor reset",
  "user.two_factor_recovery_codes": "New recovery codes made",
  "user.two_factor_recovery_used": "Recovery code used",
  "user.two_factor_failed": "Two-factor code wrong",
  "session.revoke": "Session ended",
  "authz.denied": "Permission refused",
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
  "admin.role_create": "Role created",
  "admin.role_update": "Role edited",
  "admin.role_delete": "Role deleted",
  "admin.role_permissions": "Role permissions changed",
  "admin.audit_export": "Audit log exported",
  "email.sent": "Email sent",
  "email.failed": "Email failed",
} satisfies Partial<Record<AuditAction, string>>;

/** "sessionsEnded" or "email_change_cancel" as "Sessions ended", "Email change cancel". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The readable name of an audit action; an unlabelled one is humanised from its code. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(labels, action) ? labels[action as keyof typeof labels] : humanise(action);
}
