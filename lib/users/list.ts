import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import { userPermissions } from "./permissions";
import type { UserListQuery } from "./schemas";

// Reading users for the admin console. Search is "contains" on email and names, one term per word, served
// by the trigram indexes; filters and sorts come from allowlists (lib/users/schemas.ts).

export function userWhere(query: Omit<UserListQuery, "sort" | "dir" | "page" | "size">): Prisma.UserWhereInput {
  const terms = query.q.split(/\s+/).filter(Boolean).slice(0, 5);
  return {
    deletedAt: query.status === "deleted" ? { not: null } : null,
    ...(query.status === "active" ? { status: "ACTIVE" } : query.status === "disabled" ? { status: "DISABLED" } : {}),
    ...(query.verified ? { emailVerified: query.verified === "yes" ? { not: null } : null } : {}),
    ...(query.twoFactor ? { twoFactorEnabledAt: query.twoFactor === "on" ? { not: null } : null } : {}),
    ...(query.role ? { roles: { some: { role: { name: query.role } } } } : {}),
    AND: terms.map((term) => ({
      OR: (["email", "firstName", "lastName"] as const).map((field) => ({ [field]: { contains: term, mode: "insensitive" } })),
    })),
  };
}

const orderBy = (query: UserListQuery): Prisma.UserOrderByWithRelationInput[] =>
  query.sort === "name"
    ? [{ lastName: query.dir }, { firstName: query.dir }, { id: query.dir }]
    : [{ [query.sort]: query.dir }, { id: query.dir }];

export async function listUsers(actor: Actor, query: UserListQuery, context?: RequestContext) {
  await authorize(actor, userPermissions.read, { context });
  const where = userWhere(query);
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: orderBy(query),
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        email: true,
        firstName: true,
        lastName: true,
        status: true,
        emailVerified: true,
        twoFactorEnabledAt: true,
        lockedUntil: true,
        deletedAt: true,
        createdAt: true,
        roles: { select: { role: { select: { name: true } } } },
      },
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / query.size)), users: users.map(({ roles, ...user }) => ({ ...user, roles: roles.map((r) => r.role.name) })) };
}

/** One user for the detail page, or null when there is no such user. */
export async function getUserDetail(actor: Actor, userId: string, context?: RequestContext) {
  await authorize(actor, userPermissions.read, { record: { ownerId: userId }, target: { type: "user", id: userId }, context });
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      status: true,
      emailVerified: true,
      twoFactorEnabledAt: true,
      lockedUntil: true,
      deletedAt: true,
      createdAt: true,
      roles: { select: { role: { select: { id: true, name: true } } } },
    },
  });
  if (!user) return null;
  const [sessions, recent] = await Promise.all([
    db.session.count({ where: { userId, twoFactorPending: false, expires: { gt: new Date() } } }),
    db.auditLog.findMany({ where: { OR: [{ targetType: "user", targetId: userId }, { actorId: userId }] }, orderBy: { createdAt: "desc" }, take: 10 }),
  ]);
  return { ...user, roles: user.roles.map((r) => r.role), activeSessions: sessions, recentActivity: recent };
}
