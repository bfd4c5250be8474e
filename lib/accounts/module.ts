import { defineModule } from "@/lib/kernel/module";
import { meOperations } from "./operations";
import { signInOperations } from "./sign-in-operations";

const auditActions = {
  "user.register": "Account registered",
  "user.register_failed": "Registration refused",
  "user.verify_email": "Email address confirmed",
  "user.login": "Signed in",
  "user.login_failed": "Sign-in failed",
  "user.locked": "Sign-in locked",
  "user.logout": "Signed out",
  "user.password_change": "Password changed",
  "user.password_reset_request": "Password reset requested",
  "user.password_reset": "Password reset",
  "user.password_reset_failed": "Password reset refused",
  "user.email_change_request": "Email change requested",
  "user.email_change": "Email address changed",
  "user.email_change_cancel": "Email change cancelled",
  "user.profile_update": "Profile edited",
  "user.reauthenticate": "Identity confirmed again",
  "user.reauthenticate_failed": "Identity confirmation failed",
  "session.revoke": "Session ended",
  "account.provider_linked": "Sign-in provider connected",
  "account.provider_link_failed": "Sign-in provider connection refused",
  "account.provider_unlinked": "Sign-in provider removed",
  "account.provider_unlink_failed": "Sign-in provider removal refused",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    accounts: { permissions: Record<never, never>; auditActions: typeof auditActions };
  }
}

// Accounts: registration, sign-in, passwords, email changes and one's own sessions. No permissions of its own:
// every signed-in person manages their own account.
export const accountsModule = defineModule({
  id: "accounts",
  label: "Accounts",
  auditActions,
  operations: [...meOperations, ...signInOperations],
});
