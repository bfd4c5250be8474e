import { generate } from "otplib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/accounts/password-hash";
import { newToken } from "@/lib/api-tokens/token";
import { loadActor, type CurrentUser } from "@/lib/auth/current-user";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { useTestDatabase } from "../../helpers/database";
import { apiRequest, apiRoute } from "../../helpers/api-request";
import { documentedRestHandler } from "../../helpers/openapi-validate";
import { personWithRoles } from "../../helpers/people";

// The account's self-service over /api/v1 (password, email, two-factor, sign-in methods), through the functions
// /account calls. Each is account-takeover material: a personal access token is refused, and where the page asks
// "confirm it's you" the body carries the password (or a code), checked and audited as on the page.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));
// As behind server.mjs: X-Forwarded-For holds the socket's address, so each request comes from its own address.
(globalThis as Record<symbol, unknown>)[Symbol.for("x-forwarded-for.ends-with-socket")] = true;

const handler = documentedRestHandler(system);
const context = { ipAddress: "198.51.100.9", userAgent: "Test", requestId: null };
const PASSWORD = "lantern orbit quietly 1984";
const NEW_PASSWORD = "harbour violet thunder 2031";
const now = () => Math.floor(Date.now() / 1000);

type Caller = { cookie: CurrentUser } | { bearer: string } | "anonymous";

async function call(caller: Caller, method: string, path: string, body?: unknown): Promise<Response> {
  session.user = typeof caller === "object" && "cookie" in caller ? caller.cookie : null;
  const bearer = typeof caller === "object" && "bearer" in caller ? caller.bearer : undefined;
  const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  return handler(apiRequest(method, path, { bearer, body, ip }), apiRoute(path));
}

async function expectAnswer(response: Response, status: number, code?: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (code) expect(body).toMatchObject({ code });
  return body;
}

/** A person holding `roles` (tests/helpers/people.ts), with a password and a real web session (so recently confirmed). */
async function person(roles: string[] = ["user"], data: { passwordHash?: string | null; twoFactorEnabledAt?: Date } = {}) {
  const held = await personWithRoles(roles);
  const passwordHash = "passwordHash" in data ? data.passwordHash : await hashPassword(PASSWORD);
  await db.user.update({ where: { id: held.id }, data: { passwordHash, twoFactorEnabledAt: data.twoFactorEnabledAt } });
  const sessionId = (await findActiveSession(await createSession(held.id, { rememberMe: false, context })))!.id;
  return (await loadActor(held.id, sessionId))!.user;
}

/** An access JWT from POST /auth/token, as a program signs in. */
async function signIn(email: string, extra: Record<string, string> = {}): Promise<string> {
  const body = await expectAnswer(await call("anonymous", "POST", "/auth/token", { email, password: PASSWORD, ...extra }), 200);
  return body.access_token as string;
}

const auditActions = async (userId: string) =>
  (await db.auditLog.findMany({ where: { actorId: userId }, orderBy: { createdAt: "asc" }, select: { action: true } })).map(
    (a) => a.action,
  );

describe("the account's self-service over /api/v1", () => {
  useTestDatabase();
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("refuses a personal access token on every endpoint (403 token_session_required), whatever its scopes", async () => {
    const user = await person(["admin"], { twoFactorEnabledAt: new Date() });
    const { token, hash, visible } = newToken();
    const scopes = [...user.permissions];
    await db.apiToken.create({
      data: { userId: user.id, name: "Leaked", hash, visible, scopes, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect((await call({ bearer: token }, "GET", "/me")).status).toBe(200);
    const attempts: [string, string, unknown?][] = [
      ["POST", "/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
      ["POST", "/me/email", { newEmail: "thief@example.com", currentPassword: PASSWORD }],
      ["GET", "/me/two-factor"],
      ["POST", "/me/two-factor", { currentPassword: PASSWORD }],
      ["POST", "/me/two-factor/confirm", { code: "123456" }],
      ["POST", "/me/two-factor/recovery-codes", { currentPassword: PASSWORD }],
      ["DELETE", "/me/two-factor", { currentPassword: PASSWORD }],
      ["GET", "/me/sign-in-methods"],
      ["DELETE", "/me/sign-in-methods/github"],
    ];
    for (const [method, path, body] of attempts)
      await expectAnswer(await call({ bearer: token }, method, path, body), 403, "token_session_required");
    expect(await auditActions(user.id)).toEqual([]);
  });

  it("turns two-factor on for a program (secret and otpauth URI, then a real code), after which signing in needs a code", async () => {
    const user = await person();
    const jwt = await signIn(user.email);
    const wrong = await expectAnswer(
      await call({ bearer: jwt }, "POST", "/me/two-factor", { currentPassword: "not my password" }),
      401,
      "invalid_credentials",
    );
    expect(wrong).toMatchObject({ errors: { currentPassword: [expect.any(String)] } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorPendingSecret).toBeNull();
    expect(await auditActions(user.id)).toContain("user.reauthenticate_failed");

    const enrol = await expectAnswer(await call({ bearer: jwt }, "POST", "/me/two-factor", { currentPassword: PASSWORD }), 200);
    const secret = enrol.secret as string;
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(enrol.uri as string).searchParams.get("secret")).toBe(secret);
    await expectAnswer(await call({ bearer: jwt }, "POST", "/me/two-factor/confirm", { code: "000000" }), 422, "two_factor_code_invalid");
    const confirmed = await expectAnswer(
      await call({ bearer: jwt }, "POST", "/me/two-factor/confirm", { code: await generate({ secret }) }),
      200,
    );
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(await expectAnswer(await call({ bearer: jwt }, "GET", "/me/two-factor"), 200)).toMatchObject({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });

    await expectAnswer(
      await call("anonymous", "POST", "/auth/token", { email: user.email, password: PASSWORD }),
      401,
      "two_factor_required",
    );
    const second = await signIn(user.email, { code: await generate({ secret, epoch: now() + 30 }) });
    const fresh = await expectAnswer(
      await call({ bearer: second }, "POST", "/me/two-factor/recovery-codes", { currentPassword: PASSWORD }),
      200,
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toEqual(confirmed.recoveryCodes);

    await expectAnswer(await call({ bearer: second }, "DELETE", "/me/two-factor", { currentPassword: PASSWORD }), 204);
    expect(await expectAnswer(await call({ bearer: second }, "GET", "/me/two-factor"), 200)).toMatchObject({ enabled: false });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["user.two_factor_enable", "user.two_factor_recovery_codes", "user.two_factor_disable"]),
    );
  });

  it("refuses to turn two-factor off while a role requires it, as the page does", async () => {
    const admin = await person(["admin"], { twoFactorEnabledAt: new Date() });
    await expectAnswer(
      await call({ cookie: admin }, "DELETE", "/me/two-factor", { currentPassword: PASSWORD }),
      409,
      "two_factor_required",
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).twoFactorEnabledAt).not.toBeNull();
    expect(await auditActions(admin.id)).not.toContain("user.two_factor_disable");
  });

  it("counts wrong passwords against the sign-in budget, and audits each", async () => {
    const user = await person();
    for (let i = 0; i < 10; i++)
      await expectAnswer(
        await call({ cookie: user }, "DELETE", "/me/two-factor", { currentPassword: `guess ${i}` }),
        401,
        "invalid_credentials",
      );
    await expectAnswer(await call({ cookie: user }, "DELETE", "/me/two-factor", { currentPassword: PASSWORD }), 429, "rate_limited");
    expect((await auditActions(user.id)).filter((a) => a === "user.reauthenticate_failed")).toHaveLength(10);
  });

  it("changes the password by the policy, signing every other session out", async () => {
    const user = await person();
    const jwt = await signIn(user.email);
    await expectAnswer(
      await call({ bearer: jwt }, "POST", "/me/password", { currentPassword: "wrong", newPassword: NEW_PASSWORD }),
      401,
      "invalid_credentials",
    );
    const weak = await call({ bearer: jwt }, "POST", "/me/password", { currentPassword: PASSWORD, newPassword: "aaaaaaaaaaaaaaaaaaaa" });
    expect(await expectAnswer(weak, 422, "weak_password")).toMatchObject({ errors: { newPassword: [expect.any(String)] } });

    await expectAnswer(await call({ bearer: jwt }, "POST", "/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }), 204);
    expect(await db.session.count({ where: { id: user.sessionId } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await call({ bearer: jwt }, "GET", "/me")).status).toBe(200);
    expect(await auditActions(user.id)).toContain("user.password_change");
    await expectAnswer(
      await call("anonymous", "POST", "/auth/token", { email: user.email, password: PASSWORD }),
      401,
      "invalid_credentials",
    );
  });

  it("starts an email change confirmed by link, only with the current password", async () => {
    const user = await person();
    await expectAnswer(
      await call({ cookie: user }, "POST", "/me/email", { newEmail: "new@example.com", currentPassword: "wrong" }),
      401,
      "invalid_credentials",
    );
    expect(await db.accountToken.count({ where: { userId: user.id } })).toBe(0);
    await expectAnswer(await call({ cookie: user }, "POST", "/me/email", { newEmail: "new@example.com", currentPassword: PASSWORD }), 204);
    expect(await db.accountToken.count({ where: { userId: user.id, purpose: "EMAIL_CHANGE", newEmail: "new@example.com" } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await auditActions(user.id)).toEqual(["user.reauthenticate_failed", "user.reauthenticate", "user.email_change_request"]);
  });

  it("lists sign-in methods and removes a provider, but never the last way to sign in", async () => {
    const linked = (userId: string) => ({
      userId,
      type: "oidc",
      provider: "github",
      providerAccountId: `gh-${userId}`,
      email: "me@github.example",
    });
    const onlyGithub = await person(["user"], { passwordHash: null });
    await db.account.create({ data: linked(onlyGithub.id) });
    expect(await expectAnswer(await call({ cookie: onlyGithub }, "GET", "/me/sign-in-methods"), 200)).toMatchObject({
      hasPassword: false,
      links: [{ provider: "github", email: "me@github.example" }],
    });
    await expectAnswer(await call({ cookie: onlyGithub }, "DELETE", "/me/sign-in-methods/github"), 409, "last_sign_in_method");
    expect(await db.account.count({ where: { userId: onlyGithub.id } })).toBe(1);
    expect(await auditActions(onlyGithub.id)).toEqual(["account.provider_unlink_failed"]);

    const withPassword = await person();
    await db.account.create({ data: linked(withPassword.id) });
    await expectAnswer(await call({ cookie: withPassword }, "DELETE", "/me/sign-in-methods/google"), 404, "provider_not_found");
    await expectAnswer(await call({ cookie: withPassword }, "DELETE", "/me/sign-in-methods/github"), 204);
    expect(await expectAnswer(await call({ cookie: withPassword }, "GET", "/me/sign-in-methods"), 200)).toEqual({
      hasPassword: true,
      links: [],
    });
  });
});
