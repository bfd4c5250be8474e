import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { listFields, listUsers } from "@/lib/users/list";
import { searchUsersPage } from "@/lib/users/list-search";
import { userListQuerySchema, type UserListQuery } from "@/lib/users/schemas";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";

// The search's one-statement SQL (lib/users/list-search.ts) against the list's meaning as Prisma filters spell
// it, on a small set of users that differ in every filtered column, with ties in every sort column.

const everything = (id: string) => ({ id, permissions: new Set(system.permissions.map((p) => p.key)) });
const tag = unique("lst").replace(/-/g, "");

/** The list's semantics as they were before the SQL path: Prisma's where, order and paging. */
async function expected(query: UserListQuery, cap = 10_000) {
  const terms = query.q.split(/\s+/).filter(Boolean).slice(0, 5);
  const where: Prisma.UserWhereInput = {
    deletedAt: query.status === "deleted" ? { not: null } : null,
    ...(query.status === "active" ? { status: "ACTIVE" } : query.status === "disabled" ? { status: "DISABLED" } : {}),
    ...(query.verified ? { emailVerified: query.verified === "yes" ? { not: null } : null } : {}),
    ...(query.twoFactor ? { twoFactorEnabledAt: query.twoFactor === "on" ? { not: null } : null } : {}),
    ...(query.role ? { roles: { some: { role: { name: query.role } } } } : {}),
    AND: terms.map((term) => ({
      OR: (["email", "firstName", "lastName"] as const).map((field) => ({ [field]: { contains: term, mode: "insensitive" as const } })),
    })),
  };
  const orderBy: Prisma.UserOrderByWithRelationInput[] =
    query.sort === "name"
      ? [{ lastName: query.dir }, { firstName: query.dir }, { id: query.dir }]
      : [{ [query.sort]: query.dir }, { id: query.dir }];
  const total = await db.user.count({ where, take: cap + 1 });
  const users = await db.user.findMany({
    where,
    orderBy,
    skip: (query.page - 1) * query.size,
    take: query.size,
    select: listFields,
  });
  return { total, users: users.map(({ roles, ...user }) => ({ ...user, roles: roles.map((r) => r.role.name).sort() })) };
}

const FILTERS = {
  status: [undefined, "active", "disabled", "deleted"],
  verified: [undefined, "yes", "no"],
  twoFactor: [undefined, "on", "off"],
  role: [undefined, "user", "manager", "nosuchrole"],
} as const;
const SORTS = ["createdAt", "email", "name"] as const;

describe("the users list's search in one statement", () => {
  useTestDatabase();
  let admin: ReturnType<typeof everything>;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    admin = everything((await db.user.create({ data: { email: `${unique("lstadm")}@example.com`, firstName: "A", lastName: "B" } })).id);
    const at = new Date("2026-01-01T00:00:00Z");
    // Users in many combinations of the filtered columns (and % and _ in emails), sharing names and creation times so every sort needs its tie-breaker.
    for (let i = 0; i < 36; i++) {
      const roles = [["user"], ["manager"], ["user", "manager"]][i % 4] ?? [];
      await db.user.create({
        data: {
          email: `${tag}-${i % 5}${i % 2 ? "_x" : "%y"}-${i}@example.com`,
          firstName: ["Ada", "Grace"][i % 3] ?? "Alan",
          lastName: i % 6 < 3 ? "Hopper" : "Lovelace",
          status: i % 7 === 0 ? "DISABLED" : "ACTIVE",
          emailVerified: i % 3 === 1 ? null : at,
          twoFactorEnabledAt: i % 4 === 2 ? at : null,
          deletedAt: i % 9 === 4 ? at : null,
          createdAt: new Date(at.getTime() + (i % 12) * 1000),
          roles: { create: roles.map((name) => ({ role: { connect: { name } } })) },
        },
      });
    }
  });

  it("finds, counts, sorts and pages as the Prisma filters do, for every filter and sort", async () => {
    let cases = 0;
    for (const status of FILTERS.status)
      for (const verified of FILTERS.verified)
        for (const twoFactor of FILTERS.twoFactor)
          for (const role of FILTERS.role) {
            const [sort, dir] = [SORTS[cases % 3], cases % 2 ? "asc" : "desc"];
            const query = userListQuerySchema.parse({
              q: `${tag} ${["", "hop", "ada LOVE"][cases % 3]}`,
              status,
              verified,
              twoFactor,
              role,
              sort,
              dir,
              size: 10,
            });
            const want = await expected(query);
            const got = await listUsers(admin, query);
            expect({ total: got.total, users: got.users }, JSON.stringify(query)).toEqual(want);
            cases++;
          }
    expect(cases).toBe(144);
  });

  it("pages through every sort in both directions, past the end too", async () => {
    for (const sort of SORTS)
      for (const dir of ["asc", "desc"] as const)
        for (const page of [1, 2, 3, 4, 9]) {
          const query = userListQuerySchema.parse({ q: tag, sort, dir, page, size: 10 });
          const got = await listUsers(admin, query);
          const want = await expected(query);
          expect({ total: got.total, users: got.users }, JSON.stringify(query)).toEqual(want);
          expect(got).toMatchObject({ capped: false, pages: Math.ceil(want.total / 10) });
        }
  });

  it("takes the term's % and _ as Prisma's contains does", async () => {
    for (const q of [`${tag} _x`, `${tag} %y`, `${tag}-1_`, `${tag} 4%`]) {
      const query = userListQuerySchema.parse({ q, sort: "email", dir: "asc" });
      expect((await listUsers(admin, query)).users, q).toEqual((await expected(query)).users);
    }
  });

  it("counts up to the cap and hands larger searches back to the plain query", async () => {
    const query = userListQuerySchema.parse({ q: tag, status: "active", size: 10 });
    const { total } = await expected(query);
    expect(await searchUsersPage(query, total)).toMatchObject({ total });
    expect(await searchUsersPage(query, total - 1)).toBeNull();
  });
});
