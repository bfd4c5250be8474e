import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// A personal access token from creation to revocation, used through the real REST router. Each request decides
// afresh: the token's row, the owner's status and what the owner's roles grant now, intersected with its scopes.

// The session cookie belongs to someone who may do everything: a bearer request must never fall back on it.
const cookieSession = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/auth", () => ({
  auth: async () => {
    cookieSession.calls++;
    return { sessionId: "cookie-session", twoFactorPending: false, user: { id: "cookie-user" }, expires: "" };
  },
}));

const { system } = await import("@/modules");
const { createToken, listAllTokens, listOwnTokens, renameToken, revokeToken } = await import("@/lib/api-tokens/manage");
const { loadActor } = await import("@/lib/auth/current-user");
const { LAST_USE_INTERVAL_MS } = await import("@/lib/api-tokens/verify");
const { hashTokenForStorage } = await import("@/lib/api-tokens/token");
const tokenLookup = await import("@/lib/api-tokens/lookup");

// server.mjs vouches for the right-most X-Forwarded-For entry; say so here, so last use records an address.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const context = { ipAddress: "198.51.100.7", userAgent: "Test", requestId: null };
const handler = documentedRestHandler(system);
const PREFIX = `${systemConfig.api.tokenPrefix}_`;

function call(method: "GET" | "POST", path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = { host: "localhost", cookie: "session=valid-looking", "x-forwarded-for": "203.0.113.9" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return handler(request, { params: Promise.resolve({ path: path.split("/").filter(Boolean) }) });
}

/** A person with a role of their own holding `permissions`, signed in (so recently confirmed) in one session. */
async function owner(permissions: string[]): Promise<{ user: CurrentUser; roleId: string }> {
  const role = await db.role.create({
    data: {
      name: unique("pat-role"),
      permissions: {
        create: permissions.map((key) => ({ permission: { connect: { key } } })),
      },
    },
  });
  const u = await db.user.create({
    data: {
      email: `${unique("pat")}@example.com`,
      firstName: "Pat",
      lastName: "Owner",
      emailVerified: new Date(),
      roles: { create: { roleId: role.id } },
    },
  });
  const sessionId = (await findActiveSession(await createSession(u.id, { rememberMe: false, context })))!.id;
  return { user: (await loadActor(u.id, sessionId))!.user, roleId: role.id };
}

async function issue(user: CurrentUser, scopes: string[], expiresInDays = 30) {
  const outcome = await createToken(user, { name: "CI script", scopes, expiresInDays }, context);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
}

describe("personal access tokens", () => {
  useTestDatabase();
  // The declared permissions, synced as the seed makes them: a test never invents a permission row, which would
  // confuse the permission sync running beside it on a shared PostgreSQL database.
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("are created once: prefix and checksum shown, only the hash stored, the creation audited", async () => {
    const { user } = await owner(["projects:read", "projects:create"]);
    const { id, token } = await issue(user, ["projects:read"]);
    expect(token).toMatch(new RegExp(`^${PREFIX}[0-9A-Za-z]{38}$`));
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.hash).toBe(hashTokenForStorage(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(PREFIX.length));
    expect(row.scopes).toEqual(["projects:read"]);
    const listed = await listOwnTokens(user.id);
    expect(listed).toEqual([expect.objectContaining({ id, name: "CI script", visible: `${token.slice(0, PREFIX.length + 8)}…` })]);
    expect(listed[0]).not.toHaveProperty("hash");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "api_token.create", targetId: id } });
    expect(entry).toMatchObject({ actorId: user.id, targetType: "api_token" });
    expect(JSON.stringify(entry.details)).not.toContain(token);
  });

  it("refuses scopes the creator does not hold, bad names and lifetimes, and a session not recently confirmed", async () => {
    const { user } = await owner(["projects:read"]);
    expect(await createToken(user, { name: "x", scopes: ["projects:read", "users:read"], expiresInDays: 1 }, context)).toMatchObject({
      ok: false,
      status: 422,
      code: "scope_not_held",
    });
    const { createTokenSchema } = await import("@/lib/api-tokens/schemas");
    expect(createTokenSchema.safeParse({ name: " ", scopes: ["projects:read"], expiresInDays: 1 }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "a".repeat(81), scopes: ["projects:read"], expiresInDays: 1 }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "a", scopes: [], expiresInDays: 1 }).success).toBe(false);
    const max = systemConfig.api.tokenMaxDays;
    expect(createTokenSchema.safeParse({ name: "a", scopes: ["projects:read"], expiresInDays: max + 1 }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "a", scopes: ["projects:read"], expiresInDays: max }).success).toBe(true);
    await db.session.update({ where: { id: user.sessionId }, data: { reauthenticatedAt: new Date(Date.now() - 3_600_000) } });
    expect(await createToken(user, { name: "x", scopes: ["projects:read"], expiresInDays: 1 }, context)).toMatchObject({
      ok: false,
      status: 401,
      code: "reauthentication_required",
    });
  });

  it("act within their scopes and the owner's current permissions, never the request's cookie", async () => {
    const { user, roleId } = await owner(["projects:read", "projects:create"]);
    const { token } = await issue(user, ["projects:read"]);
    const calls = cookieSession.calls;
    expect((await call("GET", "/projects", token)).status).toBe(200);
    // Scoped to reading: the owner may create projects, the token may not.
    const create = await call("POST", "/projects", token, { name: "Not allowed" });
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ code: "forbidden" });
    expect(cookieSession.calls).toBe(calls);
    // The permission withdrawn from the owner's role: the next request fails.
    const read = await db.permission.findUniqueOrThrow({ where: { key: "projects:read" } });
    await db.rolePermission.delete({ where: { roleId_permissionId: { roleId, permissionId: read.id } } });
    expect((await call("GET", "/projects", token)).status).toBe(403);
  });

  it("fail with 401 once revoked, expired, or the owner disabled or deleted; a bad checksum never reaches the database", async () => {
    const { user } = await owner(["projects:read"]);
    const revoked = await issue(user, ["projects:read"]);
    expect((await call("GET", "/projects", revoked.token)).status).toBe(200);
    expect(await revokeToken(user, revoked.id, context)).toMatchObject({ ok: true });
    const refused = await call("GET", "/projects", revoked.token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "invalid_token" });
    expect(await db.auditLog.count({ where: { action: "api_token.revoke", targetId: revoked.id } })).toBe(1);

    const expired = await issue(user, ["projects:read"]);
    await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("GET", "/projects", expired.token)).status).toBe(401);

    const live = await issue(user, ["projects:read"]);
    await db.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    expect((await call("GET", "/projects", live.token)).status).toBe(401);
    await db.user.update({ where: { id: user.id }, data: { status: "ACTIVE", deletedAt: new Date() } });
    expect((await call("GET", "/projects", live.token)).status).toBe(401);
    await db.user.update({ where: { id: user.id }, data: { deletedAt: null } });
    expect((await call("GET", "/projects", live.token)).status).toBe(200);

    const lookups = vi.spyOn(tokenLookup, "findTokenWithOwner");
    const last = live.token.at(-1) === "A" ? "B" : "A";
    const tampered = await call("GET", "/projects", live.token.slice(0, -1) + last);
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: "invalid_token" });
    expect(lookups).not.toHaveBeenCalled();
    await call("GET", "/projects", live.token);
    expect(lookups).toHaveBeenCalledTimes(1); // the spy does see a real lookup
    lookups.mockRestore();
  });

  it("record last use (time, address) at most once a minute", async () => {
    const { user } = await owner(["projects:read"]);
    const { id, token } = await issue(user, ["projects:read"]);
    const updates = vi.spyOn(db.apiToken, "updateMany");
    await call("GET", "/projects", token);
    const first = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(first).toMatchObject({ lastUsedIp: "203.0.113.9", lastUsedAt: expect.any(Date) });
    await call("GET", "/projects", token);
    await call("GET", "/projects", token);
    expect(updates).toHaveBeenCalledTimes(1);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first.lastUsedAt);
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - LAST_USE_INTERVAL_MS - 1) } });
    await call("GET", "/projects", token);
    expect(updates).toHaveBeenCalledTimes(2);
    updates.mockRestore();
  });

  it("are renamed and revoked by their owner only; api-tokens:manage sees and revokes anyone's", async () => {
    const { user } = await owner(["projects:read"]);
    const { user: other } = await owner(["projects:read"]);
    const { user: admin } = await owner(["api-tokens:manage"]);
    const { id, token } = await issue(user, ["projects:read"]);
    expect(await renameToken(other, { id, name: "Mine now" }, context)).toMatchObject({ ok: false, status: 404 });
    expect(await renameToken(user, { id, name: "Deploy bot" }, context)).toMatchObject({ ok: true });
    expect(await db.auditLog.findFirst({ where: { action: "api_token.rename", targetId: id } })).toMatchObject({
      details: { from: "CI script", to: "Deploy bot" },
    });
    await expect(revokeToken(other, id, context)).rejects.toThrow(/api-tokens:manage/);
    await expect(listAllTokens(other)).rejects.toThrow(/api-tokens:manage/);
    expect((await listAllTokens(admin)).find((t) => t.id === id)).toMatchObject({ name: "Deploy bot", owner: { email: user.email } });
    expect(await revokeToken(admin, id, context)).toMatchObject({ ok: true });
    expect(await db.auditLog.findFirst({ where: { action: "api_token.revoke", targetId: id } })).toMatchObject({ actorId: admin.id });
    expect((await call("GET", "/projects", token)).status).toBe(401);
  });
});
