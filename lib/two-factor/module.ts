import { defineModule } from "@/lib/kernel/module";

// Two-factor sign-in: each person turns it on and off for themselves; administrators reset it (users module).
export const twoFactorModule = defineModule({
  id: "two-factor",
  label: "Two-factor sign-in",
  auditActions: {
    "user.two_factor_enable": "Two-factor turned on",
    "user.two_factor_disable": "Two-factor turned off",
    "user.two_factor_reset": "Two-factor reset",
    "user.two_factor_recovery_codes": "New recovery codes made",
    "user.two_factor_recovery_used": "Recovery code used",
    "user.two_factor_failed": "Two-factor code wrong",
  },
});
