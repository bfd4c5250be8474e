import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/accounts/password-hash";
import { syncPermissions, type PermissionSyncReport } from "@/lib/authz/sync";
import type { System } from "@/lib/kernel/registry";

// Idempotent: run it as often as you like. It creates what is missing and never overwrites what a person
// has changed (a demo user's edited name or password stays as it is). Production's first administrator comes
// from `npm run admin:create` (lib/accounts/create-admin.ts), never from here.

export const seedRoles = [
  { name: "admin", description: "Full access to the system and its administration." },
  { name: "manager", description: "Manages records and sees reports." },
  { name: "user", description: "A signed-in member: their own profile and records." },
] as const;

type SeedUser = { email: string; firstName: string; lastName: string; dateOfBirth: string; password: string; roles: string[] };

/**
 * Demo accounts for development, tests and demos: only `npm run db:seed -- --demo` creates them, never a
 * default: anyone can read their passwords in this file. Each passes the password policy, as any password must.
 */
export const demoUsers: SeedUser[] = [
  {
    email: "admin@example.com",
    firstName: "Ada",
    lastName: "Admin",
    dateOfBirth: "1985-12-10",
    password: "amber lighthouse keeps watch",
    roles: ["admin", "user"],
  },
  {
    email: "manager@example.com",
    firstName: "Max",
    lastName: "Manager",
    dateOfBirth: "1979-03-14",
    password: "seven copper kettles hum softly",
    roles: ["manager", "user"],
  },
  {
    email: "demo@example.com",
    firstName: "Dana",
    lastName: "Demo",
    dateOfBirth: "1996-07-21",
    password: "paper boats drift at noon",
    roles: ["user"],
  },
];

export type SeedReport = {
  roles: { created: string[] };
  permissions: PermissionSyncReport;
  users: { email: string; password: string; created: boolean }[];
};

export async function seed(db: PrismaClient, system: System, options: { demoUsers: boolean }): Promise<SeedReport> {
  const report: SeedReport = { roles: { created: [] }, permissions: { created: [], removed: [] }, users: [] };
  // Safe to run twice at once (two processes starting, parallel test files): what another run created first is
  // skipped, not a unique-constraint error.
  const names = seedRoles.map((role) => role.name);
  const existing = new Set((await db.role.findMany({ where: { name: { in: names } }, select: { name: true } })).map((r) => r.name));
  await db.role.createMany({ data: seedRoles.map((role) => ({ ...role, builtIn: true })), skipDuplicates: true });
  await db.role.updateMany({ where: { name: { in: names }, builtIn: false }, data: { builtIn: true } });
  report.roles.created = names.filter((name) => !existing.has(name));
  report.permissions = await syncPermissions(db, system);
  if (!options.demoUsers) return report;

  const seeded: { email: string; id: string }[] = [];
  for (const user of demoUsers) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      const created = await db.user.create({
        data: {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          dateOfBirth: new Date(`${user.dateOfBirth}T00:00:00Z`),
          passwordHash: await hashPassword(user.password),
          emailVerified: new Date(),
          roles: { create: user.roles.map((name) => ({ role: { connect: { name } } })) },
        },
      });
      seeded.push({ email: user.email, id: created.id });
    } else if (!existing.dateOfBirth) {
      // Seeded before demo users had one: the profile form requires it, so fill the gap (and nothing else).
      await db.user.update({ where: { id: existing.id }, data: { dateOfBirth: new Date(`${user.dateOfBirth}T00:00:00Z`) } });
    }
    if (existing) seeded.push({ email: user.email, id: existing.id });
    report.users.push({ email: user.email, password: user.password, created: !existing });
  }
  // Each module's demo records for the demo accounts; the hooks skip what is already there.
  for (const mod of system.modules) await mod.seedDemo?.(db, seeded);
  return report;
}
