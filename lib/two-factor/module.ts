import { defineModule } from "@/lib/kernel/module";
import { twoFactorOperations } from "./operations";

const auditActions = {
  "user.two_factor_enable": "Two-factor turned on",
  "user.two_factor_disable": "Two-factor turned off",
  "user.two_factor_reset": "Two-factor reset",
  "user.two_factor_recovery_codes": "New recovery codes made",
  "user.two_factor_recovery_used": "Recovery code used",
  "user.two_factor_failed": "Two-factor code wrong",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    "two-factor": { permissions: Record<never, never>; auditActions: typeof auditActions };
  }
}

// Two-factor sign-in: each person turns it on and off for themselves; administrators reset it (users module).
export const twoFactorModule = defineModule({
  id: "two-factor",
  label: "Two-factor sign-in",
  auditActions,
  operations: twoFactorOperations,
});
