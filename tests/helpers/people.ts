import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { unique } from "./database";

/** A person in the database holding these roles, as the session would load them (`extra`: permissions on top). */
export async function personWithRoles(roles: string[], options: { lastName?: string; extra?: string[] } = {}): Promise<CurrentUser> {
  const user = await db.user.create({
    data: {
      email: `${unique("api")}@example.com`,
      firstName: "Api",
      lastName: options.lastName ?? unique("Tester"),
      emailVerified: new Date(),
      roles: { create: roles.map((name) => ({ role: { connect: { name } } })) },
    },
  });
  const grants = await db.rolePermission.findMany({ where: { role: { name: { in: roles } } }, include: { permission: true } });
  const permissions = new Set([...grants.map((g) => g.permission.key), ...(options.extra ?? [])]);
  return { ...user, sessionId: "test", roles, permissions, twoFactorEnabled: false };
}
