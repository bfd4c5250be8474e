import { encode as encodeAuthJsToken } from "next-auth/jwt";
import { SignJWT } from "jose";
import { generate } from "otplib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/accounts/login";
import { hashPassword } from "@/lib/accounts/password-hash";
import { listSessions, revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/lib/seed";
import { sealTotpSecret } from "@/lib/two-factor/codes";
import { newTotpSecret } from "@/lib/two-factor/totp";
import { system } from "@/modules";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// Sign-in for programs, through the REST router as a client sees it: POST /api/v1/auth/token, /refresh, /logout,
// and the access JWT on another endpoint. Every refusal of a token is a 401 with invalid_token.

// A bearer request must never look at the cookie: the cookie path fails the test if it is consulted.
const cookie = vi.hoisted(() => ({ consulted: 0 }));
vi.mock("@/lib/auth", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => {
    cookie.consulted++;
    return { stage: "anonymous" };
  },
}));
// As behind server.mjs: X-Forwarded-For holds the socket's address, so each test signs in from its own address.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const handler = documentedRestHandler(system);
const PASSWORD = "correct horse battery staple 42";
const key = new TextEncoder().encode(env.API_JWT_SECRET);
const issuer = new URL(env.APP_URL ?? "http://localhost:3000").origin;

function call(method: "GET" | "POST", path: string, options: { body?: unknown; bearer?: string; ip?: string } = {}) {
  const headers: Record<string, string> = {
    host: "localhost",
    "x-forwarded-for": options.ip ?? `198.51.100.${Math.floor(Math.random() * 250)}`,
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer !== undefined) {
    headers.authorization = `Bearer ${options.bearer}`;
    headers.cookie = "session=a-cookie-that-must-not-count";
  }
  const request = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return handler(request, { params: Promise.resolve({ path: path.slice(1).split("/") }) });
}

type Tokens = { access_token: string; token_type: string; expires_in: number; refresh_token: string };

async function person(options: { twoFactor?: boolean; permissions?: string[] } = {}) {
  const permissions = options.permissions ?? ["projects:read"];
  const role = await db.role.create({
    data: {
      name: unique("api-role").toLowerCase(),
      permissions: {
        create: permissions.map((key) => ({ permission: { connect: { key } } })),
      },
    },
  });
  const user = await db.user.create({
    data: {
      email: `${unique("api")}@example.com`,
      firstName: "Api",
      lastName: "Client",
      emailVerified: new Date(),
      passwordHash: await hashPassword(PASSWORD),
      roles: { create: [{ roleId: role.id }] },
    },
  });
  if (!options.twoFactor) return { ...user, totpSecret: "" };
  const totpSecret = newTotpSecret();
  await db.user.update({
    where: { id: user.id },
    data: { twoFactorEnabledAt: new Date(), twoFactorSecret: sealTotpSecret(user.id, totpSecret) },
  });
  return { ...user, totpSecret };
}

async function signIn(email: string, extra: Record<string, string> = {}): Promise<Tokens> {
  const response = await call("POST", "/auth/token", { body: { email, password: PASSWORD, ...extra } });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  expect(response.headers.get("set-cookie")).toBeNull();
  return response.json();
}

const callWith = (token: string) => call("GET", "/projects", { bearer: token });

async function expectRefused(token: string, label: string) {
  const response = await callWith(token);
  expect(response.status, label).toBe(401);
  expect(await response.json(), label).toMatchObject({ code: "invalid_token" });
  expect(response.headers.get("set-cookie"), label).toBeNull();
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token like the server's, with one thing changed. */
async function forge(sub: string, sid: string, change: { header?: object; claims?: object; key?: Uint8Array } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer, aud: `${issuer}/api`, sub, sid, jti: crypto.randomUUID(), iat: now, exp: now + 900, ...change.claims };
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "at+jwt", ...change.header }).sign(change.key ?? key);
}

describe("API sign-in for programs", () => {
  useTestDatabase();
  // Declared permissions only, as the seed syncs them: an invented permission row would confuse the permission
  // sync running beside this file on a shared PostgreSQL database.
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("issues an access JWT and a refresh token that reach the API, with an API session listed on /account", async () => {
    const user = await person();
    const tokens = await signIn(user.email);
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    expect(tokens.access_token.split(".")).toHaveLength(3);
    const header = JSON.parse(Buffer.from(tokens.access_token.split(".")[0]!, "base64url").toString());
    expect(header).toEqual({ alg: "HS256", typ: "at+jwt" });
    const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ sub: user.id, iss: issuer, aud: `${issuer}/api` });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);

    cookie.consulted = 0;
    const response = await callWith(tokens.access_token);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(cookie.consulted).toBe(0);

    const sessions = await listSessions(user.id);
    expect(sessions).toEqual([expect.objectContaining({ id: claims.sid, kind: "API" })]);
    // Only the hash of the refresh token is kept.
    expect(await db.refreshToken.count({ where: { tokenHash: tokens.refresh_token } })).toBe(0);
    expect(await db.auditLog.findFirst({ where: { actorId: user.id, action: "user.login" } })).toMatchObject({ details: { via: "api" } });
  });

  it("refuses alg=none, a wrong audience, issuer, type or key, an expired token and Auth.js's own cookie token", async () => {
    const user = await person();
    const tokens = await signIn(user.email);
    const { sid } = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString());
    expect((await callWith(await forge(user.id, sid))).status).toBe(200); // the forger is right when nothing is changed

    const [, payload] = tokens.access_token.split(".");
    await expectRefused(`${base64url({ alg: "none", typ: "at+jwt" })}.${payload}.`, "alg=none");
    await expectRefused(await forge(user.id, sid, { claims: { aud: "https://elsewhere.example/api" } }), "wrong audience");
    await expectRefused(await forge(user.id, sid, { claims: { iss: "https://elsewhere.example" } }), "wrong issuer");
    await expectRefused(await forge(user.id, sid, { header: { typ: "JWT" } }), "wrong typ");
    await expectRefused(await forge(user.id, sid, { key: new TextEncoder().encode(env.AUTH_SECRET) }), "signed with AUTH_SECRET");
    await expectRefused(await forge(user.id, sid, { header: { alg: "HS512" }, key: new Uint8Array(64).fill(1) }), "another algorithm");
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(await forge(user.id, sid, { claims: { iat: past, exp: past + 900 } }), "expired");
    await expectRefused(await forge(user.id, sid, { claims: { exp: Math.floor(Date.now() / 1000) + 86_400 } }), "lives too long");
    await expectRefused(await forge("someone-else", sid), "another user's session");
    await expectRefused(tokens.access_token.slice(0, -2) + "xx", "tampered signature");

    // The web's cookie token (an Auth.js JWE under AUTH_SECRET) is no bearer token, even when its session is live.
    const authJsCookie = await encodeAuthJsToken({ token: { sub: user.id, sid: "secret" }, secret: env.AUTH_SECRET, salt: "session" });
    await expectRefused(authJsCookie, "Auth.js cookie token");
  });

  it("ends the access JWT at once when its session is revoked, signed out everywhere or the account disabled", async () => {
    const user = await person();
    const sidOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).sid as string;

    const fromAccountPage = await signIn(user.email);
    expect(await revokeSession(user.id, sidOf(fromAccountPage.access_token))).toBe(true);
    await expectRefused(fromAccountPage.access_token, "revoked on /account");

    const everywhere = await signIn(user.email);
    await revokeOtherSessions(user.id, null);
    await expectRefused(everywhere.access_token, "signed out everywhere");
    expect((await call("POST", "/auth/refresh", { body: { refresh_token: everywhere.refresh_token } })).status).toBe(401);

    const disabled = await signIn(user.email);
    await db.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    await expectRefused(disabled.access_token, "account disabled");
  });

  it("rotates refresh tokens; a spent one used again ends the whole family", async () => {
    const user = await person();
    const first = await signIn(user.email);
    const refresh = (token: string) => call("POST", "/auth/refresh", { body: { refresh_token: token } });

    const rotated = await refresh(first.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get("set-cookie")).toBeNull();
    const second: Tokens = await rotated.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await callWith(second.access_token)).status).toBe(200);

    // The spent token again: refused, and the family (the session) ends: the newest tokens die with it.
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ code: "invalid_grant" });
    expect((await refresh(second.refresh_token)).status).toBe(401);
    await expectRefused(second.access_token, "access token of a reused family");
    await expectRefused(first.access_token, "first access token of a reused family");
    expect(await listSessions(user.id)).toEqual([]);
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "session.refresh_reused" } })).toBe(1);

    expect((await refresh("not-a-refresh-token")).status).toBe(401);
  });

  it("logs out with the refresh token: the session, its access token and refresh token end", async () => {
    const user = await person();
    const tokens = await signIn(user.email);
    const response = await call("POST", "/auth/logout", { body: { refresh_token: tokens.refresh_token } });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toBeNull();
    await expectRefused(tokens.access_token, "after logout");
    expect((await call("POST", "/auth/refresh", { body: { refresh_token: tokens.refresh_token } })).status).toBe(401);
    // An unknown token ends nothing and reveals nothing.
    expect((await call("POST", "/auth/logout", { body: { refresh_token: "unknown" } })).status).toBe(204);
  });

  it("logs out with the access token as Bearer: that session ends, and only that one", async () => {
    const user = await person();
    const ending = await signIn(user.email);
    const staying = await signIn(user.email);
    const response = await call("POST", "/auth/logout", { bearer: ending.access_token });
    expect(response.status).toBe(204);
    await expectRefused(ending.access_token, "after its own logout");
    expect((await call("POST", "/auth/refresh", { body: { refresh_token: ending.refresh_token } })).status).toBe(401);
    expect((await callWith(staying.access_token)).status).toBe(200);
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "user.logout" } })).toBe(1);
    // The same access token again has no session to end: it counts as no caller, and there is nothing to log out.
    const again = await call("POST", "/auth/logout", { bearer: ending.access_token });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ code: "invalid_input", errors: { refresh_token: [expect.any(String)] } });
  });

  it("logs out with the refresh token even beside an expired access token, and refuses a logout naming no session", async () => {
    const user = await person();
    const tokens = await signIn(user.email);
    const response = await call("POST", "/auth/logout", { bearer: "not.a.jwt", body: { refresh_token: tokens.refresh_token } });
    expect(response.status).toBe(204);
    await expectRefused(tokens.access_token, "after logout");
    const nothing = await call("POST", "/auth/logout");
    expect(nothing.status).toBe(422);
    expect(await nothing.json()).toMatchObject({ code: "invalid_input" });
  });

  it("locks sign-in after too many wrong passwords, sharing the web's counter", async () => {
    const user = await person();
    const ip = "203.0.113.9";
    const { maxFailedLogins } = systemConfig.accounts;
    for (let i = 1; i < maxFailedLogins; i++) {
      const response = await call("POST", "/auth/token", { body: { email: user.email, password: "wrong password" }, ip });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "invalid_credentials" });
    }
    const last = await call("POST", "/auth/token", { body: { email: user.email, password: "wrong password" }, ip });
    expect(last.status).toBe(429);
    expect(await last.json()).toMatchObject({ code: "account_locked" });
    // The right password no longer helps, on the API or on the web.
    const right = await call("POST", "/auth/token", { body: { email: user.email, password: PASSWORD }, ip });
    expect(await right.json()).toMatchObject({ code: "account_locked" });
    expect(await authenticate(user.email, PASSWORD, { ipAddress: ip, userAgent: null, requestId: null })).toMatchObject({
      code: "account_locked",
    });
  });

  it("asks for the two-factor code when it is on, and locks after too many wrong codes like the web", async () => {
    const user = await person({ twoFactor: true });
    const missing = await call("POST", "/auth/token", { body: { email: user.email, password: PASSWORD } });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: "two_factor_required" });
    const tokens = await signIn(user.email, { code: await generate({ secret: user.totpSecret }) });
    expect((await callWith(tokens.access_token)).status).toBe(200);
    // No half-authenticated session is left behind.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const guesser = await person({ twoFactor: true });
    const { maxFailedCodes } = systemConfig.accounts.twoFactor;
    for (let i = 1; i < maxFailedCodes; i++) {
      const response = await call("POST", "/auth/token", { body: { email: guesser.email, password: PASSWORD, code: "000000" } });
      expect(await response.json()).toMatchObject({ code: "two_factor_code_invalid" });
    }
    const last = await call("POST", "/auth/token", { body: { email: guesser.email, password: PASSWORD, code: "000000" } });
    expect(last.status).toBe(429);
    expect(await last.json()).toMatchObject({ code: "account_locked" });
    const right = await call("POST", "/auth/token", {
      body: { email: guesser.email, password: PASSWORD, code: await generate({ secret: guesser.totpSecret }) },
    });
    expect(await right.json()).toMatchObject({ code: "account_locked" });
    expect(await db.session.count({ where: { userId: guesser.id } })).toBe(0);
  });

  it("describes sign-in and refresh in OpenAPI as needing no caller, and logout as taking a bearer token or none", async () => {
    const document = await (await call("GET", "/openapi.json")).json();
    for (const path of ["/auth/token", "/auth/refresh"]) expect(document.paths[path]?.post?.security, path).toEqual([]);
    expect(document.paths["/auth/logout"]?.post?.security).toEqual([{ bearerAuth: [] }, { session: [] }, {}]);
  });

  it("refuses a person whose role requires two-factor that is not set up: a program cannot enrol", async () => {
    // audit:read belongs to a module that requires two-factor (the sync marks it so).
    const user = await person({ permissions: ["audit:read"] });
    const response = await call("POST", "/auth/token", { body: { email: user.email, password: PASSWORD } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "two_factor_setup_required" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
