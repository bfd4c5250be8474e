import { beforeAll, describe, expect, it, vi } from "vitest";
import { signAccessToken } from "@/lib/api-auth/jwt";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { loadActor, type CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { hashToken } from "@/lib/secure-token";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { apiRequest, apiRoute } from "../../helpers/api-request";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// Personal access tokens managed over /api/v1 (/me/tokens, and /tokens for api-tokens:manage), through the
// functions the screens call. Managing tokens needs a signed-in session, the cookie or an access JWT: a personal
// access token is refused, whatever its scopes, so a leaked one cannot mint successors or hide its siblings.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);
const context = { ipAddress: "198.51.100.7", userAgent: "Test", requestId: null };

type Caller = { cookie: CurrentUser } | { bearer: string };

async function call(caller: Caller, method: string, path: string, body?: unknown): Promise<Response> {
  session.user = "cookie" in caller ? caller.cookie : null;
  return handler(apiRequest(method, path, { bearer: "bearer" in caller ? caller.bearer : undefined, body }), apiRoute(path));
}

/** A person whose own role holds `permissions`, signed in on the web (so recently confirmed). */
async function person(permissions: string[]): Promise<CurrentUser> {
  const role = await db.role.create({
    data: { name: unique("pat-api"), permissions: { create: permissions.map((key) => ({ permission: { connect: { key } } })) } },
  });
  const user = await db.user.create({
    data: {
      email: `${unique("pat-api")}@example.com`,
      firstName: "Pat",
      lastName: "Api",
      emailVerified: new Date(),
      // api-tokens requires two-factor of its holders: on, so a token of theirs is not held at enrolment.
      twoFactorEnabledAt: new Date(),
      roles: { create: { roleId: role.id } },
    },
  });
  const sessionId = (await findActiveSession(await createSession(user.id, { rememberMe: false, context })))!.id;
  return (await loadActor(user.id, sessionId))!.user;
}

/** An access JWT of a new API session, as POST /auth/token would give. */
async function jwtOf(user: CurrentUser): Promise<{ token: string; sessionId: string }> {
  const secret = await createSession(user.id, { rememberMe: false, context, kind: "API" });
  const { id } = await db.session.findUniqueOrThrow({ where: { sessionToken: hashToken(secret) }, select: { id: true } });
  return { token: await signAccessToken(user.id, id), sessionId: id };
}

async function create(caller: Caller, body: Record<string, unknown>) {
  const response = await call(caller, "POST", "/me/tokens", body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; token: string };
}

const listOwn = async (caller: Caller) =>
  ((await (await call(caller, "GET", "/me/tokens")).json()) as { tokens: { id: string; name: string }[] }).tokens;

describe("personal access tokens over /api/v1", () => {
  useTestDatabase();
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("are created (the secret answered once), listed, renamed and revoked with the session cookie, each audited", async () => {
    const user = await person(["projects:read", "projects:create"]);
    const created = await call({ cookie: user }, "POST", "/me/tokens", { name: "CI", scopes: ["projects:read"], expiresInDays: 7 });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(created.headers.get("location")).toBe(`/api/v1/me/tokens/${id}`);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).scopes).toEqual(["projects:read"]);
    expect((await call({ bearer: token }, "GET", "/projects")).status).toBe(200);

    const listed = await call({ cookie: user }, "GET", "/me/tokens");
    const text = await listed.clone().text();
    expect(text).not.toContain(token);
    expect((await listed.json()).tokens).toEqual([expect.objectContaining({ id, name: "CI", scopes: ["projects:read"], revokedAt: null })]);

    expect((await call({ cookie: user }, "PATCH", `/me/tokens/${id}`, { name: "Deploy" })).status).toBe(204);
    expect((await listOwn({ cookie: user })).map((t) => t.name)).toEqual(["Deploy"]);
    expect((await call({ cookie: user }, "DELETE", `/me/tokens/${id}`)).status).toBe(204);
    expect((await call({ bearer: token }, "GET", "/projects")).status).toBe(401);
    const actions = await db.auditLog.findMany({ where: { targetId: id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action).sort()).toEqual(["api_token.create", "api_token.rename", "api_token.revoke"]);
  });

  it("carry only what their creator holds, and need a recent sign-in to be made", async () => {
    const user = await person(["projects:read"]);
    const beyond = await call({ cookie: user }, "POST", "/me/tokens", { name: "x", scopes: ["users:read"], expiresInDays: 1 });
    expect(beyond.status).toBe(422);
    expect(await beyond.json()).toMatchObject({ code: "scope_not_held", errors: { scopes: [expect.any(String)] } });
    await db.session.update({ where: { id: user.sessionId }, data: { reauthenticatedAt: new Date(Date.now() - 3_600_000) } });
    const stale = await call({ cookie: user }, "POST", "/me/tokens", { name: "x", scopes: ["projects:read"], expiresInDays: 1 });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ code: "reauthentication_required" });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("are managed with an access JWT as with the cookie", async () => {
    const user = await person(["projects:read"]);
    const jwt = await jwtOf(user);
    const { id } = await create({ bearer: jwt.token }, { name: "From a program", scopes: ["projects:read"], expiresInDays: 1 });
    expect((await listOwn({ bearer: jwt.token })).map((t) => t.id)).toEqual([id]);
    expect((await call({ bearer: jwt.token }, "DELETE", `/me/tokens/${id}`)).status).toBe(204);
  });

  it("refuse a personal access token on every token endpoint, whatever its scopes (403 token_session_required)", async () => {
    const admin = await person(["projects:read", "api-tokens:manage"]);
    const { id, token } = await create(
      { cookie: admin },
      { name: "Leaked", scopes: ["projects:read", "api-tokens:manage"], expiresInDays: 1 },
    );
    const attempts: [string, string, unknown?][] = [
      ["GET", "/me/tokens"],
      ["POST", "/me/tokens", { name: "Successor", scopes: ["projects:read"], expiresInDays: 365 }],
      ["PATCH", `/me/tokens/${id}`, { name: "Innocent" }],
      ["DELETE", `/me/tokens/${id}`],
      ["GET", "/tokens"],
      ["DELETE", `/tokens/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call({ bearer: token }, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json(), `${method} ${path}`).toMatchObject({ code: "token_session_required" });
    }
    expect(await db.apiToken.findMany({ where: { userId: admin.id }, select: { name: true, revokedAt: true } })).toEqual([
      { name: "Leaked", revokedAt: null },
    ]);
  });

  it("are listed and revoked across owners only with api-tokens:manage", async () => {
    const owner = await person(["projects:read"]);
    const other = await person(["projects:read"]);
    const admin = await person(["projects:read", "api-tokens:manage"]);
    const { id, token } = await create({ cookie: owner }, { name: "Owner's", scopes: ["projects:read"], expiresInDays: 1 });

    const denied = await call({ cookie: other }, "GET", "/tokens");
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: "forbidden" });
    for (const path of [`/tokens/${id}`, `/me/tokens/${id}`]) {
      const refused = await call({ cookie: other }, "DELETE", path);
      expect(refused.status, path).toBe(403);
      expect(await refused.json(), path).toMatchObject({ code: "forbidden" });
    }
    expect((await call({ cookie: other }, "PATCH", `/me/tokens/${id}`, { name: "Mine now" })).status).toBe(404);
    expect((await call({ bearer: token }, "GET", "/projects")).status).toBe(200);

    const all = await call({ cookie: admin }, "GET", "/tokens");
    expect(all.status).toBe(200);
    expect((await all.json()).tokens).toContainEqual(expect.objectContaining({ id, owner: { id: owner.id, email: owner.email } }));
    expect((await call({ cookie: admin }, "DELETE", `/tokens/${id}`)).status).toBe(204);
    expect((await call({ bearer: token }, "GET", "/projects")).status).toBe(401);
    expect((await call({ cookie: admin }, "DELETE", "/tokens/no-such-token")).status).toBe(404);
  });
});
