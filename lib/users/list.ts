import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import { searchTerms, searchUsersPage } from "./list-search";
import { userPermissions } from "./permissions";
import type { UserListQuery } from "./schemas";

// Reading users for the admin console. Search is "contains" on email and names, one term per word, served
// by the trigram indexes; filters and sorts come from allowlists (lib/users/schemas.ts). A search is one
// statement (./list-search.ts) unless it matches more than the count cap; this query serves the rest.

function userWhere(query: UserListQuery, roleId: string | null): Prisma.UserWhereInput {
  const terms = searchTerms(query.q);
  return {
    deletedAt: query.status === "deleted" ? { not: null } : null,
    ...(query.status === "active" ? { status: "ACTIVE" } : query.status === "disabled" ? { status: "DISABLED" } : {}),
    ...(query.verified ? { emailVerified: query.verified === "yes" ? { not: null } : null } : {}),
    ...(query.twoFactor ? { twoFactorEnabledAt: query.twoFactor === "on" ? { not: null } : null } : {}),
    // By id, not name: the planner knows how common each roleId is, and checks it per user found.
    ...(query.role ? { roles: { some: { roleId: roleId ?? "" } } } : {}),
    AND: terms.map((term) => ({
      OR: (["email", "firstName", "lastName"] as const).map((field) => ({ [field]: { contains: term, mode: "insensitive" } })),
    })),
  };
}

const orderBy = (query: UserListQuery): Prisma.UserOrderByWithRelationInput[] =>
  query.sort === "name"
    ? [{ lastName: query.dir }, { firstName: query.dir }, { id: query.dir }]
    : [{ [query.sort]: query.dir }, { id: query.dir }];

/** Counting stops here: an exact count of a large table costs more than the page itself. */
const USER_COUNT_CAP = 10_000;

/** What the list shows of a user. */
export const listFields = {
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
} as const;

export async function listUsers(actor: Actor, query: UserListQuery, context?: RequestContext) {
  await authorize(actor, userPermissions.read, { context });
  const searched = query.q.trim() ? await searchUsersPage(query, USER_COUNT_CAP) : null;
  if (searched) return listPage(query, searched.total, searched.users);
  const role = query.role ? await db.role.findUnique({ where: { name: query.role }, select: { id: true } }) : null;
  const where = userWhere(query, role?.id ?? null);
  const [total, users] = await db.$transaction(async (tx) => {
    // The default random_page_cost (4, from spinning disks) makes the planner scan the whole table with
    // ILIKE rather than use the trigram indexes; on SSD storage 1.1 is the usual value. Only this
    // transaction is affected, and the count and the page read one snapshot.
    await tx.$executeRawUnsafe("SET LOCAL random_page_cost = 1.1");
    // A search here has more matches than the cap (searchUsersPage counted them): no need to count again.
    const total = query.q.trim() ? USER_COUNT_CAP + 1 : await tx.user.count({ where, take: USER_COUNT_CAP + 1 });
    const page = await tx.user.findMany({
      where,
      orderBy: orderBy(query),
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: listFields,
    });
    return [total, page] as const;
  });
  return listPage(
    query,
    total,
    users.map(({ roles, ...user }) => ({ ...user, roles: roles.map((r) => r.role.name) })),
  );
}

function listPage<User extends { roles: string[] }>(query: UserListQuery, total: number, users: User[]) {
  const capped = total > USER_COUNT_CAP;
  // Past the cap, pages go on one at a time while a full page came back.
  const pages = capped
    ? Math.max(Math.ceil(USER_COUNT_CAP / query.size), query.page + (users.length === query.size ? 1 : 0))
    : Math.max(1, Math.ceil(total / query.size));
  // Role names in one order whichever query read them.
  return { total: Math.min(total, USER_COUNT_CAP), capped, pages, users: users.map((u) => ({ ...u, roles: [...u.roles].sort() })) };
}

/** One user for the detail page, or null when there is no such user. */
export async function getUserDetail(actor: Actor, userId: string, context?: RequestContext) {
  await authorize(actor, userPermissions.read, { target: { type: "user", id: userId }, context });
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
      roles: { select: { role: { select: { id: true, name: true, permissions: { select: { permission: { select: { key: true } } } } } } } },
    },
  });
  if (!user) return null;
  const [sessions, recent] = await Promise.all([
    db.session.count({ where: { userId, twoFactorPending: false, expires: { gt: new Date() } } }),
    db.auditLog.findMany({
      where: { OR: [{ targetType: "user", targetId: userId }, { actorId: userId }] },
      orderBy: { createdAt: "desc" },
      take: 10,
    }),
  ]);
  const roles = user.roles.map(({ role }) => ({ id: role.id, name: role.name }));
  // What the user may do: the page offers no action the actor may not take on them (lib/authz permissionsLackedOver).
  const permissions = [...new Set(user.roles.flatMap(({ role }) => role.permissions.map((p) => p.permission.key)))];
  return { ...user, roles, permissions, activeSessions: sessions, recentActivity: recent };
}
