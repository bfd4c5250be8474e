import { describe, expect, it } from "vitest";
import { authorize, can, ForbiddenError } from "@/lib/authz";
import { permissionCatalog } from "@/lib/authz/catalog";
import { db } from "@/lib/db";
import { userPermissions } from "@/lib/users/permissions";
import { unique, useTestDatabase } from "../helpers/database";

const actor = (id: string, ...permissions: string[]) => ({ id, permissions: new Set(permissions) });

describe("authorisation", () => {
  useTestDatabase();

  it("allows what the actor's roles grant, and nothing else", () => {
    expect(can(actor("a", "users:read"), "users:read")).toBe(true);
    expect(can(actor("a", "users:read"), "users:update")).toBe(false);
    expect(can(null, "users:read")).toBe(false);
  });

  it("lets the owner of a record do what the permission allows owners, and only that", () => {
    expect(can(actor("a"), userPermissions.update, { ownerId: "a" })).toBe(true);
    expect(can(actor("a"), userPermissions.update, { ownerId: "b" })).toBe(false);
    expect(can(actor("a"), userPermissions.delete, { ownerId: "a" })).toBe(false);
    expect(can(actor("a"), userPermissions.update, { ownerId: null })).toBe(false);
  });

  it("audits a refusal and throws ForbiddenError", async () => {
    const { id } = await db.user.create({ data: { email: `${unique("denied")}@example.com`, firstName: "D", lastName: "N" } });
    await expect(authorize(actor(id), "users:purge", { target: { type: "user", id: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    const entry = await db.auditLog.findFirst({ where: { action: "authz.denied", actorId: id, targetId: "x" } });
    expect(entry?.details).toEqual({ permission: "users:purge" });
  });

  it("declares every permission once, as resource:action", () => {
    const keys = permissionCatalog.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z_]+:[a-z_]+$/);
  });
});
