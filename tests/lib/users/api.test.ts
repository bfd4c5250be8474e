import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { operationsOf } from "@/lib/kernel/operations-index";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { exclusively, unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";
import { personWithRoles } from "../../helpers/people";

// Users and roles over /api/v1, through the REST router with a mocked session: the console's rules (permissions,
// the hierarchy, the last administrator) hold over the API because the handlers call the console's functions.

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function call(actor: CurrentUser | null, method: string, path: string, options: { body?: unknown; search?: string } = {}) {
  session.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" };
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const request = new Request(`http://localhost/api/v1${path}${options.search ?? ""}`, { method, headers, body });
  return handler(request, { params: Promise.resolve({ path: path.split("/").filter(Boolean).map(decodeURIComponent) }) });
}

async function problem(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { code: string; errors?: Record<string, string[]> };
}

const statusOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).status;
const denied = (actorId: string) => db.auditLog.count({ where: { action: "authz.denied", actorId } });
const allPermissions = () => system.permissions.map((p) => p.key);

describe("users and roles over /api/v1", () => {
  useTestDatabase();
  let admin: CurrentUser;
  let manager: CurrentUser;
  let member: CurrentUser;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    admin = await personWithRoles(["admin", "user"]);
    manager = await personWithRoles(["manager", "user"]);
    member = await personWithRoles(["user"]);
  });

  it("refuses a plain member every /users and /roles operation with 403, audited, changing nothing", async () => {
    const target = await personWithRoles(["user"]);
    const role = await db.role.findUniqueOrThrow({ where: { name: "user" } });
    const operations = [...operationsOf(system).values()].filter((op) => /^(users|roles)\./.test(op.id));
    expect(operations.map((op) => op.id).sort()).toEqual(
      [
        "roles.get",
        "roles.list",
        "users.delete",
        "users.disable",
        "users.enable",
        "users.get",
        "users.list",
        "users.revoke_sessions",
        "users.set_roles",
        "users.unlock",
        "users.update",
      ].sort(),
    );
    for (const operation of operations) {
      const id = operation.id.startsWith("roles.") ? role.id : target.id;
      const before = await denied(member.id);
      const bodies: Record<string, unknown> = { PATCH: { firstName: "Taken", lastName: "Over", dateOfBirth: "" }, PUT: { roleIds: [] } };
      const body = bodies[operation.method];
      const response = await call(member, operation.method, operation.path.replace("{id}", id), { body });
      expect((await problem(response, 403)).code, operation.id).toBe("forbidden");
      expect(await denied(member.id), operation.id).toBe(before + 1);
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      status: "ACTIVE",
      deletedAt: null,
      firstName: "Api",
    });
    expect((await problem(await call(null, "GET", "/users"), 401)).code).toBe("unauthenticated");
  });

  it("lists with the console's filters, pages with Link headers, and shows no secrets", async () => {
    const tag = unique("Listed").replace(/-/g, "");
    const people: CurrentUser[] = [];
    for (let i = 0; i < 12; i++) people.push(await personWithRoles(i < 2 ? ["manager"] : ["user"], { lastName: `${tag} ${i}` }));
    await db.user.update({ where: { id: people[3]!.id }, data: { status: "DISABLED" } });
    await db.user.update({ where: { id: people[4]!.id }, data: { emailVerified: null, lockedUntil: new Date(Date.now() + 600_000) } });
    await db.user.update({ where: { id: people[5]!.id }, data: { deletedAt: new Date(), status: "DISABLED" } });
    await db.user.update({ where: { id: people[6]!.id }, data: { passwordHash: "secret-hash", twoFactorEnabledAt: new Date() } });

    const list = async (search: string) => {
      const response = await call(admin, "GET", "/users", { search: `?q=${tag}&${search}` });
      expect(response.status, await response.clone().text()).toBe(200);
      return { response, body: (await response.json()) as { items: Record<string, unknown>[]; total: number; pages: number } };
    };
    const { response, body } = await list("size=10&page=1&sort=name&dir=asc");
    expect(body).toMatchObject({ total: 11, pages: 2, page: 1, size: 10, capped: false });
    expect(body.items.map((u) => u.lastName)).toEqual([0, 1, 10, 11, 2, 3, 4, 6, 7, 8].map((i) => `${tag} ${i}`));
    const links = response.headers.get("link")!;
    expect(links).toContain(`rel="next"`);
    expect(links).toMatch(/<\/api\/v1\/users\?[^>]*page=2[^>]*>; rel="last"/);
    expect(links).toContain(`q=${tag}`);
    const second = await list("size=10&page=2&sort=name&dir=asc");
    expect(second.body.items).toHaveLength(1);
    expect(second.response.headers.get("link")).not.toContain(`rel="next"`);

    expect(Object.keys(body.items[0]!).sort()).toEqual(
      [
        "createdAt",
        "deletedAt",
        "email",
        "emailVerified",
        "firstName",
        "id",
        "lastName",
        "lockedUntil",
        "roles",
        "status",
        "twoFactorEnabled",
      ].sort(),
    );
    expect(JSON.stringify(body)).not.toContain("secret-hash");

    const ids = async (search: string) => (await list(search)).body.items.map((u) => u.id).sort();
    const sorted = (...indexes: number[]) => indexes.map((i) => people[i]!.id).sort();
    expect(await ids("status=disabled")).toEqual(sorted(3));
    expect(await ids("status=deleted")).toEqual(sorted(5));
    expect(await ids("role=manager")).toEqual(sorted(0, 1));
    expect(await ids("verified=no")).toEqual(sorted(4));
    expect(await ids("twoFactor=on")).toEqual(sorted(6));
    const locked = (await list("verified=no")).body.items[0]!;
    expect(locked).toMatchObject({ emailVerified: false, status: "active", lockedUntil: expect.any(String), roles: ["user"] });
    expect((await list("status=deleted")).body.items[0]).toMatchObject({ status: "deleted", deletedAt: expect.any(String) });
  });

  it("gets one user as the console shows them, 404 for an unknown id", async () => {
    const target = await personWithRoles(["manager"]);
    await db.user.update({ where: { id: target.id }, data: { dateOfBirth: new Date("1990-05-17T00:00:00Z"), twoFactorSecret: "s3cret" } });
    const response = await call(manager, "GET", `/users/${target.id}`);
    expect(response.status).toBe(200);
    const user = (await response.json()) as Record<string, unknown>;
    expect(user).toMatchObject({
      id: target.id,
      email: target.email,
      dateOfBirth: "1990-05-17",
      status: "active",
      twoFactorEnabled: false,
      lockedUntil: null,
      roles: [{ name: "manager" }],
      permissions: expect.arrayContaining(["users:read"]),
      activeSessions: 0,
    });
    expect(user).not.toHaveProperty("passwordHash");
    expect(user).not.toHaveProperty("recentActivity");
    expect(JSON.stringify(user)).not.toContain("s3cret");
    expect((await problem(await call(manager, "GET", "/users/nosuchuser"), 404)).code).toBe("user_not_found");
  });

  it("updates a profile as the console's form does, with its rules", async () => {
    const target = await personWithRoles(["user"]);
    const edit = { firstName: "Renamed", lastName: "Person", dateOfBirth: "1970-01-02" };
    expect((await call(manager, "PATCH", `/users/${target.id}`, { body: edit })).status).toBe(204);
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      firstName: "Renamed",
      lastName: "Person",
      dateOfBirth: new Date("1970-01-02T00:00:00Z"),
    });
    expect(await db.auditLog.count({ where: { action: "admin.user_update", targetId: target.id, actorId: manager.id } })).toBe(1);
    // null clears the date of birth, as an empty field does on the form.
    expect((await call(manager, "PATCH", `/users/${target.id}`, { body: { ...edit, dateOfBirth: null } })).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).dateOfBirth).toBeNull();

    const invalid = await problem(
      await call(manager, "PATCH", `/users/${target.id}`, { body: { firstName: "", dateOfBirth: "2999-01-01" } }),
      422,
    );
    expect(Object.keys(invalid.errors ?? {}).sort()).toEqual(["dateOfBirth", "firstName", "lastName"]);
    expect((await problem(await call(manager, "PATCH", `/users/${manager.id}`, { body: edit }), 409)).code).toBe("own_account");
    expect((await problem(await call(manager, "PATCH", "/users/nosuchuser", { body: edit }), 404)).code).toBe("user_not_found");
  });

  it("disables and enables, and a manager cannot disable an administrator (hierarchy)", async () => {
    const target = await personWithRoles(["user"]);
    expect((await call(manager, "POST", `/users/${target.id}/disable`)).status).toBe(204);
    expect(await statusOf(target.id)).toBe("DISABLED");
    expect(await (await call(manager, "GET", `/users/${target.id}`)).json()).toMatchObject({ status: "disabled" });
    expect((await call(manager, "POST", `/users/${target.id}/enable`)).status).toBe(204);
    expect(await statusOf(target.id)).toBe("ACTIVE");
    expect(await db.auditLog.count({ where: { targetId: target.id, action: { in: ["admin.user_disable", "admin.user_enable"] } } })).toBe(
      2,
    );

    const administrator = await personWithRoles(["admin"]);
    const before = await denied(manager.id);
    expect((await problem(await call(manager, "POST", `/users/${administrator.id}/disable`), 403)).code).toBe("forbidden");
    expect(await statusOf(administrator.id)).toBe("ACTIVE");
    expect(await db.auditLog.count({ where: { action: "authz.denied", actorId: manager.id, targetId: administrator.id } })).toBe(1);
    expect(await denied(manager.id)).toBe(before + 1);
    expect((await problem(await call(manager, "POST", "/users/nosuchuser/disable"), 404)).code).toBe("user_not_found");
  });

  it("keeps the last active administrator (409 last_admin) and deletes softly", async () =>
    // Another file's test of the same rule would count its own administrator; never at the same time.
    exclusively("last-admin", async () => {
      // Every permission, so nothing but the last-administrator rule stands in the way.
      const actor = await personWithRoles(["manager"], { extra: allPermissions() });
      const last = await personWithRoles(["admin"]);
      const alone = () =>
        db.user.updateMany({ where: { id: { not: last.id }, roles: { some: { role: { name: "admin" } } } }, data: { status: "DISABLED" } });
      await alone();
      expect((await problem(await call(actor, "POST", `/users/${last.id}/disable`), 409)).code).toBe("last_admin");
      await alone();
      expect((await problem(await call(actor, "DELETE", `/users/${last.id}`), 409)).code).toBe("last_admin");
      expect(await db.user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ status: "ACTIVE", deletedAt: null });
      await db.user.updateMany({ where: { id: { in: [admin.id] } }, data: { status: "ACTIVE" } });

      const target = await personWithRoles(["user"]);
      expect((await call(actor, "DELETE", `/users/${target.id}`)).status).toBe(204);
      expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
        status: "DISABLED",
        deletedAt: expect.any(Date),
      });
      expect(await (await call(actor, "GET", `/users/${target.id}`)).json()).toMatchObject({ status: "deleted" });
      expect((await problem(await call(actor, "DELETE", `/users/${target.id}`), 404)).code).toBe("user_not_found");
      expect((await problem(await call(actor, "DELETE", `/users/${actor.id}`), 409)).code).toBe("own_account");
    }));

  it("answers bad input with 422, never 500", async () => {
    const target = await personWithRoles(["user"]);
    const queries = [
      "page=0",
      "page=abc",
      "size=7",
      "sort=passwordHash",
      "dir=up",
      "status=gone",
      "verified=maybe",
      "role=a%20b",
      `q=${"x".repeat(101)}`,
    ];
    for (const search of queries) {
      const body = await problem(await call(admin, "GET", "/users", { search: `?${search}` }), 422);
      expect(body.code, search).toBe("invalid_input");
    }
    const bodies: unknown[] = [
      {},
      { firstName: 1, lastName: [], dateOfBirth: {} },
      { firstName: "A", lastName: "B", dateOfBirth: "2023-02-30" },
    ];
    for (const body of bodies) await problem(await call(admin, "PATCH", `/users/${target.id}`, { body }), 422);
    for (const id of ["bad id", "x".repeat(65), "%zz", "a;b"]) {
      const path = `/users/${encodeURIComponent(id)}`;
      for (const [method, suffix] of [
        ["GET", ""],
        ["DELETE", ""],
        ["POST", "/disable"],
        ["POST", "/enable"],
      ] as const)
        await problem(await call(admin, method, path + suffix), 422);
    }
    await problem(await call(admin, "GET", "/roles/bad%20id"), 422);
  });

  it("reads roles: the list with permissions, one by id, 404 for an unknown id", async () => {
    const list = await call(manager, "GET", "/roles");
    expect(list.status).toBe(200);
    const { roles, permissions } = (await list.json()) as { roles: { id: string; name: string }[]; permissions: { key: string }[] };
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(["admin", "manager", "user"]));
    expect(permissions.map((p) => p.key)).toEqual(expect.arrayContaining(allPermissions()));
    const adminRole = roles.find((r) => r.name === "admin")!;
    const one = await call(manager, "GET", `/roles/${adminRole.id}`);
    expect(await one.json()).toEqual({ ...adminRole, locked: true, builtIn: true });
    expect((await problem(await call(manager, "GET", "/roles/nosuchrole"), 404)).code).toBe("role_not_found");
  });

  it("describes the new operations in /api/v1/openapi.json", async () => {
    const document = (await (await call(member, "GET", "/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[] }>>;
    };
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    for (const id of [
      "users.list",
      "users.get",
      "users.update",
      "users.disable",
      "users.enable",
      "users.delete",
      "roles.list",
      "roles.get",
    ])
      expect(ids).toContain(id);
    expect(document.paths["/users"]!.get!.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "role", "status", "verified", "twoFactor", "sort", "dir", "page", "size"]),
    );
  });
});
