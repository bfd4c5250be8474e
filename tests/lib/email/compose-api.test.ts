import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { loadActor, type CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { apiRequest, apiRoute } from "../../helpers/api-request";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// POST /api/v1/emails and a send's progress and cancel, through the router and held to the OpenAPI document.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);
const context = { ipAddress: "198.51.100.8", userAgent: "Test", requestId: null };

function call(user: CurrentUser, method: string, path: string, body?: unknown): Promise<Response> {
  session.user = user;
  return handler(apiRequest(method, path, { body }), apiRoute(path));
}

/** A signed-in person whose own role holds `permissions` (and is the audience role of the tests). */
async function person(permissions: string[]): Promise<{ user: CurrentUser; roleId: string }> {
  const role = await db.role.create({
    data: { name: unique("mail-api"), permissions: { create: permissions.map((key) => ({ permission: { connect: { key } } })) } },
  });
  const user = await db.user.create({
    data: {
      email: `${unique("mail-api")}@example.com`,
      firstName: "Mia",
      lastName: "Api",
      emailVerified: new Date(),
      twoFactorEnabledAt: new Date(),
      roles: { create: { roleId: role.id } },
    },
  });
  const sessionId = (await findActiveSession(await createSession(user.id, { rememberMe: false, context })))!.id;
  return { user: (await loadActor(user.id, sessionId))!.user, roleId: role.id };
}

const later = () => new Date(Date.now() + 3_600_000).toISOString();

describe("composed email over the API", () => {
  useTestDatabase();
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("needs email:send, and email:send_all for everyone", async () => {
    const { user, roleId } = await person([]);
    expect((await call(user, "POST", "/emails", { subject: "A", markdown: "B", audience: "role", roleId })).status).toBe(403);
    const sender = await person(["email:send"]);
    expect(
      (await call(sender.user, "POST", "/emails", { subject: "A", markdown: "B", audience: "all", scheduledAt: later() })).status,
    ).toBe(403);
  });

  it("refuses a subject with a line break: 422, nothing queued", async () => {
    const { user, roleId } = await person(["email:send"]);
    const response = await call(user, "POST", "/emails", { subject: "Hi\r\nBcc: x@example.com", markdown: "B", audience: "role", roleId });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "invalid_input", errors: { subject: ["The subject must be one line."] } });
    expect(await db.emailSend.count({ where: { createdById: user.id } })).toBe(0);
  });

  it("queues to a role, reports progress and cancels what has not gone", async () => {
    const { user, roleId } = await person(["email:send"]);
    const created = await call(user, "POST", "/emails", {
      subject: "News",
      markdown: "**Hi** {{firstName}}",
      audience: "role",
      roleId,
      scheduledAt: later(),
    });
    expect(created.status).toBe(201);
    const { id, recipients } = (await created.json()) as { id: string; recipients: number };
    expect(recipients).toBe(1);
    const progress = await call(user, "GET", `/emails/sends/${id}`);
    expect(progress.status).toBe(200);
    expect(await progress.json()).toMatchObject({ subject: "News", recipients: 1, progress: { QUEUED: 1, SENT: 0 } });
    expect(await (await call(user, "POST", `/emails/sends/${id}/cancel`)).json()).toEqual({ cancelled: 1 });
    expect((await call(user, "POST", `/emails/sends/${id}/cancel`)).status).toBe(409);
    expect((await call(user, "GET", "/emails/sends/nosuchsend0000")).status).toBe(404);
  });
});
