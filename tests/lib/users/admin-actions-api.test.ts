import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";
import { personWithRoles } from "../../helpers/people";

// The console's role form, unlock and "sign out everywhere" over /api/v1: the same manage.ts functions, so the
// console's rules (permission, hierarchy, beyond one's own permissions, last administrator) answer the same way.

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function send(actor: CurrentUser, method: string, path: string, body?: unknown) {
  session.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" };
  const request = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({ path: path.split("/").filter(Boolean) }) });
}

async function refusal(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  return ((await response.json()) as { code: string; errors?: Record<string, string[]> }).code;
}

const holder = (roles: string[], extra: string[] = []) => personWithRoles(roles, { extra });

const roleId = async (name: string) => (await db.role.findUniqueOrThrow({ where: { name } })).id;
const rolesOf = async (userId: string) =>
  (await db.userRole.findMany({ where: { userId }, include: { role: true } })).map((r) => r.role.name).sort();

describe("PUT /users/{id}/roles, POST /users/{id}/unlock and /sessions/revoke", () => {
  useTestDatabase();
  let admin: CurrentUser;
  let manager: CurrentUser;
  let member: CurrentUser;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    admin = await holder(["admin", "user"]);
    manager = await holder(["manager", "user"]);
    member = await holder(["user"]);
  });

  it("replaces a user's roles and audits the before and after", async () => {
    const target = await holder(["user"]);
    const response = await send(admin, "PUT", `/users/${target.id}/roles`, { roleIds: [await roleId("manager"), await roleId("user")] });
    expect(response.status, await response.clone().text()).toBe(204);
    expect(await rolesOf(target.id)).toEqual(["manager", "user"]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "admin.user_roles", targetId: target.id } });
    expect(entry).toMatchObject({ actorId: admin.id, details: { before: ["user"], after: ["manager", "user"] } });
  });

  it("refuses without the permission, beyond one's own permissions, and for the last administrator", async () => {
    const target = await holder(["user"]);
    const adminRole = await roleId("admin");
    // A manager who may assign roles, as the console's manage tests grant it: still not the admin role.
    const delegate = await holder(["manager", "user"], ["users:assign_roles"]);
    expect(await refusal(await send(member, "PUT", `/users/${target.id}/roles`, { roleIds: [] }), 403)).toBe("forbidden");
    expect(await refusal(await send(delegate, "PUT", `/users/${target.id}/roles`, { roleIds: [adminRole] }), 409)).toBe(
      "beyond_own_permissions",
    );
    expect(await rolesOf(target.id)).toEqual(["user"]);

    // The only active administrator: the others created here are demoted first.
    await db.userRole.deleteMany({ where: { roleId: adminRole, userId: { not: admin.id } } });
    expect(await refusal(await send(admin, "PUT", `/users/${admin.id}/roles`, { roleIds: [await roleId("user")] }), 409)).toBe(
      "last_admin",
    );
    expect(await rolesOf(admin.id)).toEqual(["admin", "user"]);
    expect(await refusal(await send(admin, "PUT", "/users/nosuchuser/roles", { roleIds: [] }), 404)).toBe("user_not_found");
  });

  it("refuses roles that are not a list of known ids with 422", async () => {
    const target = await holder(["user"]);
    expect(await refusal(await send(admin, "PUT", `/users/${target.id}/roles`, { roleIds: "admin" }), 422)).toBe("invalid_input");
    expect(await refusal(await send(admin, "PUT", `/users/${target.id}/roles`, {}), 422)).toBe("invalid_input");
    expect(await refusal(await send(admin, "PUT", `/users/${target.id}/roles`, { roleIds: ["nosuchrole"] }), 422)).toBe("unknown_role");
    expect(await rolesOf(target.id)).toEqual(["user"]);
  });

  it("unlocks a locked user, audited; refuses a member and an unknown or malformed id", async () => {
    const target = await holder(["user"]);
    await db.user.update({ where: { id: target.id }, data: { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 9 } });
    expect(await refusal(await send(member, "POST", `/users/${target.id}/unlock`), 403)).toBe("forbidden");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).lockedUntil).not.toBeNull();
    expect((await send(manager, "POST", `/users/${target.id}/unlock`)).status).toBe(204);
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect(await db.auditLog.count({ where: { action: "admin.user_unlock", targetId: target.id, actorId: manager.id } })).toBe(1);
    expect(await refusal(await send(manager, "POST", "/users/nosuchuser/unlock"), 404)).toBe("user_not_found");
    expect(await refusal(await send(manager, "POST", `/users/${"x".repeat(65)}/unlock`), 422)).toBe("invalid_input");
  });

  it("signs a user out everywhere and says how many sessions ended; refuses a member and a malformed id", async () => {
    const target = await holder(["user"]);
    const later = new Date(Date.now() + 3_600_000);
    for (const token of ["a", "b"])
      await db.session.create({ data: { userId: target.id, sessionToken: unique(token), expires: later, absoluteExpiresAt: later } });
    expect(await refusal(await send(member, "POST", `/users/${target.id}/sessions/revoke`), 403)).toBe("forbidden");
    expect(await db.session.count({ where: { userId: target.id } })).toBe(2);
    const response = await send(admin, "POST", `/users/${target.id}/sessions/revoke`);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ sessionsEnded: 2 });
    expect(await db.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "admin.user_sessions_revoke", targetId: target.id } })).toBe(1);
    expect(await refusal(await send(admin, "POST", `/users/${"x".repeat(65)}/sessions/revoke`), 422)).toBe("invalid_input");
  });
});
