import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/accounts/password-hash";
import { syncPermissions, type PermissionSyncReport } from "@/lib/authz/sync";

// Idempotent: run it as often as you like. It creates what is missing and never overwrites what a person
// has changed (a demo user's edited name or password stays as it is).

export const seedRoles = [
  { name: "admin", description: "Full access to the system and its administration." },
  { name: "manager", description: "Manages records and sees reports." },
  { name: "user", description: "A signed-in member: their own profile and records." },
] as const;

type SeedUser = { email: string; firstName: string; lastName: string; password: string; roles: string[] };

/** Demo accounts for development and tests only; production seeds no users with known passwords. */
export const demoUsers: SeedUser[] = [
  { email: "admin@example.com", firstName: "Ada", lastName: "Admin", password: "correct horse admin demo", roles: ["admin", "user"] },
  { email: "manager@example.com", firstName: "Max", lastName: "Manager", password: "correct horse manager demo", roles: ["manager", "user"] },
  { email: "demo@example.com", firstName: "Dana", lastName: "Demo", password: "correct horse demo user", roles: ["user"] },
];

export type SeedReport = { roles: { created: string[] }; permissions: PermissionSyncReport; users: { email: string; password: string; created: boolean }[] };

export async function seed(db: PrismaClient, options: { demoUsers: boolean }): Promise<SeedReport> {
  const report: SeedReport = { roles: { created: [] }, permissions: { created: [], removed: [] }, users: [] };
  for (const role of seedRoles) {
    const existing = await db.role.findUnique({ where: { name: role.name } });
    if (!existing) {
      await db.role.create({ data: { ...role, builtIn: true } });
      report.roles.created.push(role.name);
    } else if (!existing.builtIn) {
      await db.role.update({ where: { id: existing.id }, data: { builtIn: true } });
    }
  }
  report.permissions = await syncPermissions(db);
  if (!options.demoUsers) return report;

  for (const user of demoUsers) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      await db.user.create({
        data: {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          passwordHash: await hashPassword(user.password),
          emailVerified: new Date(),
          roles: { create: user.roles.map((name) => ({ role: { connect: { name } } })) },
        },
      });
    }
    report.users.push({ email: user.email, password: user.password, created: !existing });
  }
  return report;
}
