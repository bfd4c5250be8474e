import { describe, expect, it } from "vitest";
import { authorize, can, ForbiddenError, permissionsLackedOver, type Permission } from "@/lib/authz";
import type { AuditAction } from "@/lib/audit";
import { db } from "@/lib/db";
import { userPermissions } from "@/lib/users/permissions";
import { unique, useTestDatabase } from "../helpers/database";
import { system } from "@/modules";

const actor = (id: string, ...permissions: string[]) => ({ id, permissions: new Set(permissions) });

describe("authorisation", () => {
  useTestDatabase();

  it("allows what the actor's roles grant, and nothing else", () => {
    expect(can(actor("a", "users:read"), "users:read")).toBe(true);
    expect(can(actor("a", "users:read"), "users:update")).toBe(false);
    expect(can(null, "users:read")).toBe(false);
  });

  it("refuses a misspelt permission or audit action at compile time (npm run typecheck fails on these lines otherwise)", () => {
    // @ts-expect-error "users:raed" is no declared permission
    expect(can(actor("a", "users:read"), "users:raed")).toBe(false);
    // @ts-expect-error "user.logn" is no declared audit action
    const action: AuditAction = "user.logn";
    expect(system.auditActions.has(action)).toBe(false);
  });

  it("gives no permission to the owner of a record: owning is not holding", () => {
    for (const p of system.permissions) expect(can(actor("a"), p.key as Permission)).toBe(false);
  });

  it("lets an actor act on a person only when the actor holds every permission that person holds", async () => {
    const manager = actor("m", "users:read", "users:disable");
    expect(permissionsLackedOver(manager, ["users:read"])).toEqual([]);
    expect(permissionsLackedOver(manager, [])).toEqual([]);
    expect(permissionsLackedOver(manager, ["users:purge", "users:read", "roles:manage"])).toEqual(["roles:manage", "users:purge"]);
    const { id } = await db.user.create({ data: { email: `${unique("outranked")}@example.com`, firstName: "O", lastName: "R" } });
    const refused = authorize(actor(id, userPermissions.disable), userPermissions.disable, {
      target: { type: "user", id: "admin" },
      targetPermissions: ["users:disable", "users:purge"],
    });
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    const entry = await db.auditLog.findFirst({ where: { action: "authz.denied", actorId: id, targetId: "admin" } });
    expect(entry?.details).toEqual({ permission: "users:disable", targetHoldsMore: ["users:purge"] });
  });

  it("audits a refusal and throws ForbiddenError", async () => {
    const { id } = await db.user.create({ data: { email: `${unique("denied")}@example.com`, firstName: "D", lastName: "N" } });
    await expect(authorize(actor(id), "users:purge", { target: { type: "user", id: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    const entry = await db.auditLog.findFirst({ where: { action: "authz.denied", actorId: id, targetId: "x" } });
    expect(entry?.details).toEqual({ permission: "users:purge" });
  });

  it("declares every permission once, as resource:action", () => {
    const keys = system.permissions.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9-]*:[a-z_]+$/); // module ids may hold dashes (support-tickets)
  });
});
