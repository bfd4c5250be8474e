import { encode } from "next-auth/jwt";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unique, useTestDatabase } from "../../helpers/database";

// An administrator disabled a signed-in user: that ended their sessions, so the next request has none. The
// sign-in page must tell that browser why, and only that browser.

const cookie = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("@/lib/auth", () => ({ auth: async () => null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: (name: string) => (name === "session" && cookie.value ? { name, value: cookie.value } : undefined) }),
}));
vi.mock("react", async (importOriginal) => ({ ...(await importOriginal<typeof import("react")>()), cache: <T>(fn: T) => fn }));
vi.mock("@/app/(auth)/login/login-form", () => ({ LoginForm: () => null }));

const { currentSession } = await import("@/lib/auth/current-user");
const { default: LoginPage } = await import("@/app/(auth)/login/page");

/** The cookie Auth.js wrote when this user signed in (its session row is gone now). */
const cookieOf = (userId: string) => encode({ token: { sub: userId, sid: "x".repeat(43) }, secret: env.AUTH_SECRET, salt: "session" });
const loginPage = async () => renderToStaticMarkup(await LoginPage({ searchParams: Promise.resolve({}) }));

async function user(status: "ACTIVE" | "DISABLED") {
  return db.user.create({ data: { email: `${unique("ended")}@example.com`, firstName: "E", lastName: "S", status } });
}

describe("a session ended by disabling its user", () => {
  useTestDatabase();

  it("shows the sign-in page's line about it to the browser of the disabled user", async () => {
    cookie.value = await cookieOf((await user("DISABLED")).id);
    expect(await currentSession()).toEqual({ stage: "anonymous", ended: "disabled" });
    expect(await loginPage()).toContain("Your account has been disabled. Contact");
  });

  it("says nothing for a session that ended otherwise, a forged cookie, or no cookie", async () => {
    for (const value of [await cookieOf((await user("ACTIVE")).id), "forged.cookie.value", undefined]) {
      cookie.value = value;
      expect(await currentSession()).toEqual({ stage: "anonymous" });
      expect(await loginPage()).not.toContain("disabled");
    }
  });
});
