import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

// What every protected page and action calls: a half-authenticated session (password given, code owed)
// and a required-but-missing enrolment must never pass as a signed-in user.

const session = vi.hoisted(() => ({ value: null as unknown }));
vi.mock("@/lib/auth", () => ({ auth: async () => session.value }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-pathname": "/account" }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));
vi.mock("react", async (importOriginal) => ({ ...(await importOriginal<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const { currentUser, requireUser } = await import("@/lib/auth/current-user");

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

describe("current user", () => {
  useTestDatabase();

  it("refuses a half-authenticated session everywhere, sending it to the challenge", async () => {
    session.value = { sessionId: "s1", twoFactorPending: true, expires: "" };
    expect(await currentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/login/two-factor?next=%2Faccount");
    await expect(requireUser({ duringEnrolment: true })).rejects.toThrow("redirect:/login/two-factor");
  });

  it("holds a user whose role requires two-factor at enrolment until it is on", async () => {
    const u = await user([systemConfig.accounts.twoFactor.requiredForRoles[0]!]);
    session.value = { sessionId: "s2", twoFactorPending: false, user: { id: u.id }, expires: "" };
    expect(await currentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/account/two-factor");
    expect(await requireUser({ duringEnrolment: true })).toMatchObject({ id: u.id });
    await db.user.update({ where: { id: u.id }, data: { twoFactorEnabledAt: new Date() } });
    expect(await requireUser()).toMatchObject({ id: u.id, twoFactorEnabled: true });
  });

  it("passes a fully signed-in user, and sends nobody to sign in", async () => {
    const u = await user();
    session.value = { sessionId: "s3", twoFactorPending: false, user: { id: u.id }, expires: "" };
    expect(await currentUser()).toMatchObject({ id: u.id, sessionId: "s3", roles: [] });
    session.value = null;
    await expect(requireUser()).rejects.toThrow("redirect:/login?next=%2Faccount");
  });
});
