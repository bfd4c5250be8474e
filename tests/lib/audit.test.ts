import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { unique, useTestDatabase } from "../helpers/database";

describe("audit log", () => {
  useTestDatabase();

  it("records actor, action, target, address, browser and details", async () => {
    const user = await db.user.create({ data: { email: `${unique("audit")}@example.com`, firstName: "A", lastName: "U" } });
    await audit({
      action: "user.login_failed",
      actorId: user.id,
      target: { type: "user", id: user.id },
      context: { ipAddress: "203.0.113.9", userAgent: "Test/1.0" },
      details: { reason: "bad_password" },
    });
    const [row] = await db.auditLog.findMany({ where: { actorId: user.id } });
    expect(row).toMatchObject({
      action: "user.login_failed",
      targetType: "user",
      targetId: user.id,
      ipAddress: "203.0.113.9",
      userAgent: "Test/1.0",
      details: { reason: "bad_password" },
    });
  });

  it("keeps the whole trail, actor id and address included, when the actor is purged", async () => {
    const email = `${unique("gone")}@example.com`;
    const user = await db.user.create({ data: { email, firstName: "G", lastName: "One" } });
    await audit({ action: "user.logout", actorId: user.id, target: { type: "user", id: user.id } });
    await db.user.delete({ where: { id: user.id } });
    const rows = await db.auditLog.findMany({ where: { targetId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: user.id, actorEmail: email, targetId: user.id });
  });
});
