import { systemConfig } from "@/system.config";

/** Whether holding these roles obliges a person to use two-factor sign-in (system.config.ts names the roles). */
export function twoFactorRequiredFor(roles: readonly string[]): boolean {
  return roles.some((role) => systemConfig.accounts.twoFactor.requiredForRoles.includes(role));
}
