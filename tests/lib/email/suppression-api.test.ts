import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { deliverEmail } from "@/lib/email";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// GET and DELETE /api/v1/email-suppressions: email:read sees the list, email:manage lifts one (audited), after
// which the address gets every kind of mail again.

const caller = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (caller.user ? { stage: "active", user: caller.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function call(actor: CurrentUser, method: string, path: string) {
  caller.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };
  const request = new Request(`http://localhost/api/v1${path}`, { method, headers });
  return handler(request, { params: Promise.resolve({ path: new URL(path, "http://x").pathname.split("/").filter(Boolean) }) });
}

async function holder(permissions: string[]): Promise<CurrentUser> {
  const user = await db.user.create({ data: { email: `${unique("supp")}@example.com`, firstName: "Sup", lastName: "Press" } });
  return { ...user, sessionId: "test", roles: [], permissions: new Set(permissions), twoFactorEnabled: false };
}

describe("/api/v1/email-suppressions", () => {
  useTestDatabase();
  let reader: CurrentUser;
  let manager: CurrentUser;
  let address: string;
  let id: string;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    reader = await holder(["email:read"]);
    manager = await holder(["email:read", "email:manage"]);
    address = `${unique("gone")}@example.com`;
    ({ id } = await db.emailSuppression.create({
      data: { address, reason: "BOUNCE", detail: "550 no such user", sourceEvent: "msg_test" },
    }));
  });

  it("lists suppressions for email:read, searchable by address", async () => {
    const response = await call(reader, "GET", `/email-suppressions?q=${encodeURIComponent(address)}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as { items: { id: string; address: string; reason: string }[]; total: number };
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id, address, reason: "BOUNCE" });
  });

  it("refuses a lift without email:manage (403, audited) and keeps the suppression", async () => {
    const response = await call(reader, "DELETE", `/email-suppressions/${id}`);
    expect(response.status).toBe(403);
    expect(await db.auditLog.count({ where: { action: "authz.denied", actorId: reader.id } })).toBeGreaterThanOrEqual(1);
    expect(await db.emailSuppression.count({ where: { id } })).toBe(1);
  });

  it("lifts with email:manage, audited; the address gets notifications again; a second lift is a 404", async () => {
    const response = await call(manager, "DELETE", `/email-suppressions/${id}`);
    expect(response.status, await response.clone().text()).toBe(204);
    expect(await db.auditLog.count({ where: { action: "email.suppression_lifted", actorId: manager.id, targetId: id } })).toBe(1);
    const message = await db.emailMessage.create({
      data: { to: address, subject: "s", html: "h", text: "t", template: "test", category: "NOTIFICATION" },
    });
    expect(await deliverEmail(message.id, { name: "resend", send: async () => ({ providerId: "re_lifted" }) })).toBe(true);
    expect((await call(manager, "DELETE", `/email-suppressions/${id}`)).status).toBe(404);
  });
});
