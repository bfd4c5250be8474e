import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";
import { statementsDuring } from "../../helpers/statements";

// What every page (the root layout) and protected action calls: a half-authenticated session (password given,
// code owed) and a required-but-missing enrolment must never pass as a signed-in user; the cookie Auth.js
// wrote is read directly, and a signed-in render costs one round trip, an anonymous one none.

const cookie = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-pathname": "/account" }),
  cookies: async () => ({ get: (name: string) => (name === "session" && cookie.value ? { name, value: cookie.value } : undefined) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));
vi.mock("react", async (importOriginal) => ({ ...(await importOriginal<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const { currentSession, currentUser, loadActor, requireUser } = await import("@/lib/auth/current-user");

const context = { ipAddress: "198.51.100.7", userAgent: "Test/1.0", requestId: null };

async function user(roles: string[] = [], twoFactor = false) {
  return db.user.create({
    data: {
      email: `${unique("cu")}@example.com`,
      firstName: "C",
      lastName: "U",
      emailVerified: new Date(),
      twoFactorEnabledAt: twoFactor ? new Date() : null,
      roles: { create: roles.map((name) => ({ role: { connectOrCreate: { where: { name }, create: { name } } } })) },
    },
  });
}

/** Signs `userId` in as Auth.js does: a session row, and a cookie whose encrypted token carries its secret. */
async function signIn(userId: string, twoFactorPending = false): Promise<string> {
  const secret = await createSession(userId, { rememberMe: false, context, twoFactorPending });
  cookie.value = await encode({ token: { sub: userId, sid: secret }, secret: env.AUTH_SECRET, salt: "session" });
  return (await db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true } })).id;
}

describe("current user", () => {
  useTestDatabase();

  it("refuses a half-authenticated session everywhere, sending it to the challenge", async () => {
    const sessionId = await signIn((await user()).id, true);
    expect(await currentSession()).toEqual({ stage: "two_factor", sessionId });
    expect(await currentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/login/two-factor?next=%2Faccount");
    await expect(requireUser({ duringEnrolment: true })).rejects.toThrow("redirect:/login/two-factor");
  });

  it("holds a user whose role requires two-factor at enrolment until it is on", async () => {
    const u = await user([systemConfig.accounts.twoFactor.requiredForRoles[0]!]);
    await signIn(u.id);
    expect(await currentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/account/two-factor");
    expect(await requireUser({ duringEnrolment: true })).toMatchObject({ id: u.id });
    await db.user.update({ where: { id: u.id }, data: { twoFactorEnabledAt: new Date() } });
    expect(await requireUser()).toMatchObject({ id: u.id, twoFactorEnabled: true });
  });

  it("passes a fully signed-in user with what their roles grant, and sends nobody to sign in", async () => {
    const u = await user();
    const role = await db.role.create({ data: { name: unique("cu-role") } });
    const permission = await db.permission.create({ data: { key: `${unique("cu")}:read` } });
    await db.userRole.create({ data: { userId: u.id, roleId: role.id } });
    await db.rolePermission.create({ data: { roleId: role.id, permissionId: permission.id } });
    const sessionId = await signIn(u.id);
    const signedIn = await currentUser();
    expect(signedIn).toMatchObject({ id: u.id, sessionId, email: u.email, firstName: "C", lastName: "U", roles: [role.name] });
    expect([...signedIn!.permissions]).toEqual([permission.key]);
    expect((await loadActor(u.id, "api-token:x"))?.user).toEqual({ ...signedIn, sessionId: "api-token:x" });
    cookie.value = undefined;
    await expect(requireUser()).rejects.toThrow("redirect:/login?next=%2Faccount");
  });

  it("ends with the session row: a revoked session or a disabled user is nobody on the next request", async () => {
    const u = await user();
    const sessionId = await signIn(u.id);
    expect(await currentUser()).toMatchObject({ id: u.id });
    await db.session.delete({ where: { id: sessionId } });
    expect(await currentSession()).toEqual({ stage: "anonymous" });
    await signIn(u.id);
    await db.user.update({ where: { id: u.id }, data: { status: "DISABLED" } });
    expect(await currentSession()).toEqual({ stage: "anonymous", ended: "disabled" });
  });

  it("refuses a cookie that is not Auth.js's own", async () => {
    const u = await user();
    await signIn(u.id);
    const forged = await encode({ token: { sub: u.id, sid: "y".repeat(43) }, secret: "another secret", salt: "session" });
    for (const value of [forged, "forged.cookie.value"]) {
      cookie.value = value;
      expect(await currentSession()).toEqual({ stage: "anonymous" });
    }
  });

  it("reads a signed-in visitor in one round trip, and an anonymous one in none", async () => {
    await signIn((await user()).id);
    await currentUser(); // a first read may slide the idle deadline (a write at most once a minute)
    expect(await statementsDuring(() => currentSession())).toBe(1);
    cookie.value = undefined;
    expect(await statementsDuring(() => currentSession())).toBe(0);
  });
});
