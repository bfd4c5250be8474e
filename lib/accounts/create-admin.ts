import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { ADMIN_ROLE } from "@/lib/authz/admin-role";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { rolesForTwoFactorPolicy, twoFactorRequiredFor } from "@/lib/two-factor/policy";
import { z } from "@/lib/zod";
import { hashPassword } from "./password-hash";
import { passwordProblems } from "./password-policy";
import { weakPassword } from "./refusals";
import { emailField, nameField } from "./schemas";

// The production way to the first administrator (`npm run admin:create`), instead of a seeded account with a
// published password. The address counts as confirmed (the operator typed it) and the admin role obliges
// two-factor set-up at the first sign-in (system.config.ts). Idempotent: an existing account keeps its
// password and only gains the role.

const newAdministratorSchema = z.object({
  email: emailField,
  firstName: nameField("first name", "a"),
  lastName: nameField("last name", "a"),
  password: z.string(),
});
/** Names and password are needed only for a new account. */
export type NewAdministrator = { email: string; firstName?: string; lastName?: string; password?: string };

export type NewAdministratorResult = { outcome: "created" | "promoted" | "unchanged"; userId: string; twoFactorRequired: boolean };

const invalidDetails = (issues: { path: PropertyKey[]; message: string }[]) => {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[String(issue.path[0] ?? "email")] ??= []).push(issue.message);
  return refuse(422, "The administrator's details are not valid.", { code: "invalid_input", fieldErrors });
};

/** Whether the address has an account already: then the command asks for no password and changes none. */
export async function accountExists(db: PrismaClient, email: string): Promise<boolean> {
  const parsed = emailField.safeParse(email);
  return parsed.success && (await db.user.count({ where: { email: parsed.data } })) > 0;
}

export async function createAdministrator(db: PrismaClient, input: NewAdministrator): Promise<Outcome<NewAdministratorResult>> {
  const email = emailField.safeParse(input.email);
  if (!email.success) return invalidDetails(email.error.issues.map((issue) => ({ ...issue, path: ["email"] })));
  const adminRole = await db.role.findUnique({
    where: { name: ADMIN_ROLE },
    select: { id: true, ...rolesForTwoFactorPolicy.select.role.select },
  });
  if (!adminRole) {
    return refuse(412, `There is no "${ADMIN_ROLE}" role yet: run npm run db:seed first.`, { code: "admin_role_missing" });
  }
  const twoFactorRequired = twoFactorRequiredFor([{ role: adminRole }]);

  const existing = await db.user.findUnique({ where: { email: email.data }, include: { roles: { select: { roleId: true } } } });
  if (existing) {
    if (existing.deletedAt || existing.status !== "ACTIVE")
      return refuse(409, `The account ${email.data} is disabled or deleted; it cannot become an administrator.`, {
        code: "account_disabled",
      });
    if (existing.roles.some((link) => link.roleId === adminRole.id))
      return done({ outcome: "unchanged", userId: existing.id, twoFactorRequired });
    await db.$transaction(async (tx) => {
      await tx.userRole.create({ data: { userId: existing.id, roleId: adminRole.id } });
      if (!existing.emailVerified) await tx.user.update({ where: { id: existing.id }, data: { emailVerified: new Date() } });
      await audit(
        {
          action: "admin.administrator_create",
          target: { type: "user", id: existing.id },
          details: { via: "admin:create", outcome: "promoted" },
        },
        tx,
      );
    });
    return done({ outcome: "promoted", userId: existing.id, twoFactorRequired });
  }

  const parsed = newAdministratorSchema.safeParse({ firstName: "", lastName: "", password: "", ...input });
  if (!parsed.success) return invalidDetails(parsed.error.issues);
  const { firstName, lastName, password } = parsed.data;
  const problems = await passwordProblems(password, { email: email.data, firstName, lastName });
  if (problems.length) return weakPassword(problems);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email: email.data,
        firstName,
        lastName,
        passwordHash,
        passwordChangedAt: new Date(),
        emailVerified: new Date(),
        roles: { create: [ADMIN_ROLE, "user"].map((name) => ({ role: { connect: { name } } })) },
      },
    });
    await audit(
      {
        action: "admin.administrator_create",
        target: { type: "user", id: created.id },
        details: { via: "admin:create", outcome: "created" },
      },
      tx,
    );
    return created;
  });
  return done({ outcome: "created", userId: user.id, twoFactorRequired });
}
