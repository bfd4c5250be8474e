import "server-only";
import { Prisma, type UserStatus } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { UserListQuery } from "./schemas";

// A search of the users list in ONE statement: a MATERIALIZED CTE holds the matches (found by the trigram
// indexes, at most cap + 1), and the same statement counts them and sorts out the page. Ordered by a sort index,
// the planner would walk it testing every user against the search; unmaterialised, it would hash-join the
// matches with every UserRole row of the role. The filters mean exactly what lib/users/list.ts's userWhere means.

/** The search terms: one "contains" per word, at most five. */
export const searchTerms = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 5);

const ORDER: Record<UserListQuery["sort"], Record<UserListQuery["dir"], Prisma.Sql>> = {
  createdAt: { asc: Prisma.sql`m."createdAt" ASC, m.id ASC`, desc: Prisma.sql`m."createdAt" DESC, m.id DESC` },
  email: { asc: Prisma.sql`m.email ASC, m.id ASC`, desc: Prisma.sql`m.email DESC, m.id DESC` },
  name: {
    asc: Prisma.sql`m."lastName" ASC, m."firstName" ASC, m.id ASC`,
    desc: Prisma.sql`m."lastName" DESC, m."firstName" DESC, m.id DESC`,
  },
};

/**
 * The role's id as a one-row relation beside "User" (none for an unknown role, so nothing matches). As a
 * sub-select inside the EXISTS instead, its cost counts once per user and lifts the estimate over
 * jit_above_cost: compiling the query then took longer (~35 ms) than running it.
 */
const withRole = (query: UserListQuery) =>
  query.role ? Prisma.sql`, (SELECT r.id FROM "Role" r WHERE r.name = ${query.role}) role` : Prisma.empty;

function conditions(query: UserListQuery): Prisma.Sql {
  const where = [query.status === "deleted" ? Prisma.sql`u."deletedAt" IS NOT NULL` : Prisma.sql`u."deletedAt" IS NULL`];
  if (query.status === "active") where.push(Prisma.sql`u.status = 'ACTIVE'`);
  if (query.status === "disabled") where.push(Prisma.sql`u.status = 'DISABLED'`);
  if (query.verified)
    where.push(query.verified === "yes" ? Prisma.sql`u."emailVerified" IS NOT NULL` : Prisma.sql`u."emailVerified" IS NULL`);
  if (query.twoFactor)
    where.push(query.twoFactor === "on" ? Prisma.sql`u."twoFactorEnabledAt" IS NOT NULL` : Prisma.sql`u."twoFactorEnabledAt" IS NULL`);
  // OFFSET 0 keeps the EXISTS a probe of UserRole's primary key per match: pulled up into a semi-join, it
  // becomes a scan of all the role's rows (98% of UserRole for "user"). role.id comes from FROM (withRole).
  if (query.role) where.push(Prisma.sql`EXISTS (SELECT FROM "UserRole" ur WHERE ur."userId" = u.id AND ur."roleId" = role.id OFFSET 0)`);
  for (const term of searchTerms(query.q)) {
    // Prisma's insensitive "contains" is ILIKE '%term%' with the term's own % and _ left as wildcards.
    const pattern = `%${term}%`;
    where.push(Prisma.sql`(u.email ILIKE ${pattern} OR u."firstName" ILIKE ${pattern} OR u."lastName" ILIKE ${pattern})`);
  }
  return Prisma.join(where, " AND ");
}

type Row = {
  total: number;
  id: string | null;
  email: string;
  firstName: string;
  lastName: string;
  status: UserStatus;
  emailVerified: Date | null;
  twoFactorEnabledAt: Date | null;
  lockedUntil: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  roles: string[];
};

/**
 * The matches of a search (up to `cap` of them) and the page's users with their role names; null when there are
 * more than `cap`, where the plain query's walk of a sort index finds the page sooner.
 */
export async function searchUsersPage(query: UserListQuery, cap: number) {
  const order = ORDER[query.sort][query.dir];
  // The count is one row, the page is joined onto it: a page past the end still answers the total.
  const rows = await db.$queryRaw<Row[]>`
    WITH matches AS MATERIALIZED (
      SELECT u.id, u."createdAt", u.email, u."lastName", u."firstName"
      FROM "User" u${withRole(query)}
      WHERE ${conditions(query)}
      LIMIT ${cap + 1}
    ), page AS (
      SELECT m.* FROM matches m ORDER BY ${order} LIMIT ${query.size} OFFSET ${(query.page - 1) * query.size}
    )
    SELECT c.total, u.id, u.email, u."firstName", u."lastName", u.status::text AS status, u."emailVerified",
      u."twoFactorEnabledAt", u."lockedUntil", u."deletedAt", u."createdAt",
      ARRAY(SELECT r.name FROM "UserRole" ur JOIN "Role" r ON r.id = ur."roleId" WHERE ur."userId" = u.id) AS roles
    FROM (SELECT count(*)::int AS total FROM matches) c
    LEFT JOIN page m ON true
    LEFT JOIN "User" u ON u.id = m.id
    ORDER BY ${order}`;
  const total = rows[0]?.total ?? 0;
  if (total > cap) return null;
  const users = rows.flatMap(
    ({ id, email, firstName, lastName, status, emailVerified, twoFactorEnabledAt, lockedUntil, deletedAt, createdAt, roles }) =>
      id === null
        ? []
        : [{ id, email, firstName, lastName, status, emailVerified, twoFactorEnabledAt, lockedUntil, deletedAt, createdAt, roles }],
  );
  return { total, users };
}
