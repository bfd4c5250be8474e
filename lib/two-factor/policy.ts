import { adminPermissions } from "@/lib/admin/permissions";
import { auditPermissions } from "@/lib/audit/permissions";
import { emailPermissions } from "@/lib/email/permissions";
import { rolePermissions } from "@/lib/roles/permissions";
import { userPermissions } from "@/lib/users/permissions";
import { systemConfig } from "@/system.config";

// Who must use two-factor sign-in. Decided by what a person may do, not by a role's name: any permission of
// the admin console (seeing or changing other people's accounts, roles or the audit log) is worth more than
// a password alone, whichever role grants it. system.config.ts may name further roles.

/** Every permission of the admin console: admin:*, users:*, roles:*, audit:* and email:* (the outbox holds reset links). */
export const adminConsolePermissions: ReadonlySet<string> = new Set(
  [adminPermissions, userPermissions, rolePermissions, auditPermissions, emailPermissions].flatMap((group) => group.$all.map((p) => p.key)),
);

/** The Prisma select for a user's roles that twoFactorRequiredFor reads: `roles: rolesForTwoFactorPolicy`. */
export const rolesForTwoFactorPolicy = {
  select: { role: { select: { name: true, permissions: { select: { permission: { select: { key: true } } } } } } },
} as const;

type HeldRoles = readonly { role: { name: string; permissions: readonly { permission: { key: string } }[] } }[];

/** Whether holding these roles obliges a person to use two-factor sign-in. */
export function twoFactorRequiredFor(roles: HeldRoles): boolean {
  return roles.some(
    ({ role }) =>
      systemConfig.accounts.twoFactor.requiredForRoles.includes(role.name) ||
      role.permissions.some(({ permission }) => adminConsolePermissions.has(permission.key)),
  );
}
