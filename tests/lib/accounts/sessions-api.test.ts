import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// GET /me/sessions and DELETE /me/sessions/{id}: the account page's session list and its "Sign out" button, with
// its rules: never the current session, only one's own, and only after a recent confirmation.

const caller = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (caller.user ? { stage: "active", user: caller.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function send(actor: CurrentUser | null, method: string, path: string) {
  caller.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };
  const request = new Request(`http://localhost/api/v1${path}`, { method, headers });
  return handler(request, { params: Promise.resolve({ path: path.split("/").filter(Boolean) }) });
}

async function refusal(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  return ((await response.json()) as { code: string }).code;
}

const later = () => new Date(Date.now() + 3_600_000);

async function openSession(userId: string, data: { reauthenticatedAt?: Date; userAgent?: string } = {}) {
  return db.session.create({ data: { userId, sessionToken: unique("token"), expires: later(), absoluteExpiresAt: later(), ...data } });
}

/** Someone signed in with a session of their own, holding no permission: /me needs none. */
async function signedIn(options: { confirmed?: boolean } = {}): Promise<CurrentUser> {
  const user = await db.user.create({ data: { email: `${unique("sessions")}@example.com`, firstName: "Sam", lastName: "Self" } });
  const current = await openSession(user.id, { reauthenticatedAt: options.confirmed ? new Date() : undefined, userAgent: "Here" });
  return { ...user, sessionId: current.id, roles: [], permissions: new Set(), twoFactorEnabled: false };
}

describe("/api/v1/me/sessions", () => {
  useTestDatabase();

  it("lists one's own live sessions, marking the current one, and never another's", async () => {
    const me = await signedIn();
    const other = await openSession(me.id, { userAgent: "Elsewhere" });
    await openSession((await signedIn()).id);
    await db.session.create({
      data: { userId: me.id, sessionToken: unique("old"), expires: new Date(Date.now() - 1000), absoluteExpiresAt: later() },
    });

    const response = await send(me, "GET", "/me/sessions");
    expect(response.status).toBe(200);
    const { sessions } = (await response.json()) as { sessions: { id: string; current: boolean; userAgent: string; kind: string }[] };
    expect(sessions.map((s) => [s.id, s.current, s.userAgent, s.kind]).sort()).toEqual(
      [
        [me.sessionId, true, "Here", "WEB"],
        [other.id, false, "Elsewhere", "WEB"],
      ].sort(),
    );
    expect(JSON.stringify(sessions)).not.toContain("sessionToken");
    expect(await refusal(await send(null, "GET", "/me/sessions"), 401)).toBe("unauthenticated");
  });

  it("ends another of one's sessions after a recent confirmation, audited", async () => {
    const me = await signedIn({ confirmed: true });
    const other = await openSession(me.id);
    expect((await send(me, "DELETE", `/me/sessions/${other.id}`)).status).toBe(204);
    expect(await db.session.count({ where: { id: other.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "session.revoke", actorId: me.id, targetId: other.id } })).toBe(1);
  });

  it("refuses the current session, someone else's, an unconfirmed caller, nobody and a malformed id", async () => {
    const me = await signedIn({ confirmed: true });
    const theirs = await openSession((await signedIn()).id);
    expect(await refusal(await send(me, "DELETE", `/me/sessions/${me.sessionId}`), 409)).toBe("current_session");
    expect(await refusal(await send(me, "DELETE", `/me/sessions/${theirs.id}`), 404)).toBe("session_not_found");
    expect(await db.session.count({ where: { id: { in: [me.sessionId, theirs.id] } } })).toBe(2);

    const unconfirmed = await signedIn();
    const mine = await openSession(unconfirmed.id);
    expect(await refusal(await send(unconfirmed, "DELETE", `/me/sessions/${mine.id}`), 401)).toBe("reauthentication_required");
    // A personal access token names no session that could have confirmed anything.
    const byToken = { ...me, sessionId: "api-token:abc" };
    expect(await refusal(await send(byToken, "DELETE", `/me/sessions/${mine.id}`), 401)).toBe("reauthentication_required");
    expect(await db.session.count({ where: { id: mine.id } })).toBe(1);

    expect(await refusal(await send(null, "DELETE", `/me/sessions/${mine.id}`), 401)).toBe("unauthenticated");
    expect(await refusal(await send(me, "DELETE", `/me/sessions/${"x".repeat(65)}`), 422)).toBe("invalid_input");
  });
});
