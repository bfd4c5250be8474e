import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { system } from "@/modules";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// GET and PATCH /api/v1/me: any signed-in person, no permission, with the account page's own profile rules.

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function call(actor: CurrentUser | null, method: string, body?: unknown) {
  session.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" };
  const request = new Request("http://localhost/api/v1/me", {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({ path: ["me"] }) });
}

/** Someone holding no permission at all: /me needs none. */
async function person(): Promise<CurrentUser> {
  const user = await db.user.create({
    data: {
      email: `${unique("me")}@example.com`,
      firstName: "Mia",
      lastName: "Self",
      dateOfBirth: new Date("1991-04-05T00:00:00Z"),
      passwordHash: "secret-hash",
    },
  });
  return { ...user, sessionId: "test", roles: [], permissions: new Set(["projects:read"]), twoFactorEnabled: false };
}

const yearsAgo = (years: number) => {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return day.toISOString().slice(0, 10);
};

describe("/api/v1/me", () => {
  useTestDatabase();

  it("answers the caller's own profile, and 401 to nobody", async () => {
    const me = await person();
    const response = await call(me, "GET");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      id: me.id,
      email: me.email,
      firstName: "Mia",
      lastName: "Self",
      dateOfBirth: "1991-04-05",
      emailVerified: false,
      createdAt: expect.any(String),
      permissions: ["projects:read"],
    });
    expect(JSON.stringify(body)).not.toContain("secret-hash");
    expect(await db.auditLog.count({ where: { action: "authz.denied", actorId: me.id } })).toBe(0);
    expect((await call(null, "GET")).status).toBe(401);
  });

  it("edits the caller's own profile, audited, and answers the new profile", async () => {
    const me = await person();
    const other = await person();
    // An id or email in the body is ignored: the caller is the session's.
    const edit = { firstName: "  Mira ", lastName: "Selfsame", dateOfBirth: "1992-06-07", id: other.id, email: "taken@example.com" };
    const response = await call(me, "PATCH", edit);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({
      id: me.id,
      email: me.email,
      firstName: "Mira",
      lastName: "Selfsame",
      dateOfBirth: "1992-06-07",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ firstName: "Mia", lastName: "Self" });
    expect(await db.auditLog.findFirst({ where: { action: "user.profile_update", actorId: me.id, targetId: me.id } })).toMatchObject({
      details: { after: { firstName: "Mira", lastName: "Selfsame", dateOfBirth: "1992-06-07" } },
    });
  });

  it("keeps the account page's rules: 422 with field errors, nothing changed", async () => {
    const me = await person();
    const errorsOf = async (body: unknown) => {
      const response = await call(me, "PATCH", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as { code: string; errors: Record<string, string[]> };
      expect(problem.code).toBe("invalid_input");
      return problem.errors;
    };
    const valid = { firstName: "Mia", lastName: "Self", dateOfBirth: "1991-04-05" };
    // Unlike the admin console, one's own date of birth is required and obeys the minimum age.
    expect(Object.keys(await errorsOf({ ...valid, dateOfBirth: "" }))).toEqual(["dateOfBirth"]);
    expect(Object.keys(await errorsOf({ ...valid, dateOfBirth: null }))).toEqual(["dateOfBirth"]);
    const tooYoung = await errorsOf({ ...valid, dateOfBirth: yearsAgo(systemConfig.accounts.minimumAge - 1) });
    expect(tooYoung.dateOfBirth?.[0]).toMatch(/at least/);
    expect(Object.keys(await errorsOf({ firstName: "<b>x</b>", lastName: "" })).sort()).toEqual(["dateOfBirth", "firstName", "lastName"]);
    expect(Object.keys(await errorsOf({ ...valid, firstName: "see evil.example" }))).toEqual(["firstName"]);
    expect(Object.keys(await errorsOf({ ...valid, lastName: 42 }))).toEqual(["lastName"]);
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ firstName: "Mia", lastName: "Self" });
    expect(await db.auditLog.count({ where: { action: "user.profile_update", actorId: me.id } })).toBe(0);
  });

  it("is described in /api/v1/openapi.json", async () => {
    session.user = await person();
    const response = await handler(new Request("http://localhost/api/v1/openapi.json", { headers: { host: "localhost" } }), {
      params: Promise.resolve({ path: ["openapi.json"] }),
    });
    const document = (await response.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.paths["/me"]?.get?.operationId).toBe("me.get");
    expect(document.paths["/me"]?.patch?.operationId).toBe("me.update");
  });
});
