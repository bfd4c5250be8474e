import { systemConfig } from "@/system.config";

// Who must use two-factor sign-in. Decided by what a person may do, not by a role's name: a module whose
// permissions reach other people's accounts, roles, mail or the audit log declares `requiresTwoFactor`, the
// permission sync copies that onto each Permission row, and holding any such permission obliges two-factor,
// whichever role grants it. system.config.ts may name further roles.

/** The Prisma select for a user's roles that twoFactorRequiredFor reads: `roles: rolesForTwoFactorPolicy`. */
export const rolesForTwoFactorPolicy = {
  select: { role: { select: { name: true, permissions: { select: { permission: { select: { key: true, requiresTwoFactor: true } } } } } } },
} as const;

type HeldRoles = readonly { role: { name: string; permissions: readonly { permission: { requiresTwoFactor: boolean } }[] } }[];

/** Whether holding these roles obliges a person to use two-factor sign-in. */
export function twoFactorRequiredFor(roles: HeldRoles): boolean {
  return roles.some(
    ({ role }) =>
      systemConfig.accounts.twoFactor.requiredForRoles.includes(role.name) ||
      role.permissions.some(({ permission }) => permission.requiresTwoFactor),
  );
}
