import { describe, expect, it, vi } from "vitest";
import { refusalMessage } from "@/components/forms/form-alert";
import { ForbiddenError } from "@/lib/authz";
import type { CurrentUser } from "@/lib/auth/current-user";
import { actionWithUser, validatedAction } from "@/lib/http/action";
import { done, refuse } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { useTestDatabase } from "../../helpers/database";

// Server actions outside Next: the caller's headers, and a signed-in (or signed-out) user, are stand-ins.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "ActionTest/1.0" }) }));
const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null, lookups: 0 }));
vi.mock("@/lib/auth/current-user", () => ({
  requireUser: async (options: { duringEnrolment?: boolean } = {}) => {
    signedIn.lookups++;
    // requireUser redirects (throws) anyone not signed in, or still owing the two-factor set-up.
    if (!signedIn.user || (signedIn.user.roles.includes("enrolling") && !options.duringEnrolment)) throw new Error("NEXT_REDIRECT /login");
    return signedIn.user;
  },
}));

const ada: CurrentUser = {
  id: "user-ada",
  sessionId: "session-ada",
  email: "ada@example.com",
  firstName: "Ada",
  lastName: "Lovelace",
  roles: ["user"],
  permissions: new Set(["users:read"]),
  twoFactorEnabled: false,
};
const schema = z.object({ name: z.string().min(2) });

describe("validatedAction", () => {
  it("answers input the schema refuses with a 422 invalid_input refusal carrying the field errors", async () => {
    const handler = vi.fn();
    expect(await validatedAction(schema, handler)({ name: "x" })).toMatchObject({
      ok: false,
      status: 422,
      code: "invalid_input",
      message: expect.any(String),
      fieldErrors: { name: [expect.any(String)] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes the handler's outcome through, success value and message included", async () => {
    const action = validatedAction(schema, async ({ name }) => done(name.length, `Hello ${name}.`));
    expect(await action({ name: "Ada" })).toEqual({ ok: true, value: 3, message: "Hello Ada." });
    const refusing = validatedAction(schema, async () => refuse(409, "Taken.", { code: "role_name_taken" }));
    expect(await refusing({ name: "Ada" })).toEqual({ ok: false, status: 409, code: "role_name_taken", message: "Taken." });
  });

  it("turns a ForbiddenError into a 403 forbidden refusal, and lets other errors through", async () => {
    const forbidden = validatedAction(schema, async () => {
      throw new ForbiddenError("users:update");
    });
    expect(await forbidden({ name: "Ada" })).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    const broken = validatedAction(schema, async () => {
      throw new Error("boom");
    });
    await expect(broken({ name: "Ada" })).rejects.toThrow("boom");
  });
});

describe("actionWithUser", () => {
  useTestDatabase(); // a refused permission is audited
  it("hands the signed-in caller to the handler as actor and user, with the request context", async () => {
    signedIn.user = ada;
    const handler = vi.fn(async (_data: { name: string }, caller: { actor: CurrentUser; user: CurrentUser }) => done(caller.actor.id));
    expect(await actionWithUser(schema, handler)({ name: "Ada" })).toMatchObject({ ok: true, value: ada.id });
    expect(handler.mock.calls[0]![1]).toMatchObject({ actor: ada, user: ada, context: { userAgent: "ActionTest/1.0" } });
  });

  it("redirects a signed-out caller before it looks at the input", async () => {
    signedIn.user = null;
    const handler = vi.fn();
    await expect(actionWithUser(schema, handler)({ name: "x" })).rejects.toThrow("NEXT_REDIRECT");
    expect(handler).not.toHaveBeenCalled();
  });

  it("admits someone still enrolling in two-factor only where the action says so", async () => {
    signedIn.user = { ...ada, roles: ["enrolling"] };
    await expect(actionWithUser(schema, async () => done())({ name: "Ada" })).rejects.toThrow("NEXT_REDIRECT");
    expect(await actionWithUser(schema, async () => done(), { duringEnrolment: true })({ name: "Ada" })).toMatchObject({ ok: true });
  });

  it("refuses with 403 forbidden when the caller lacks the action's permission", async () => {
    signedIn.user = ada;
    const handler = vi.fn();
    expect(await actionWithUser(schema, handler, { permission: "users:purge" })({ name: "Ada" })).toMatchObject({
      ok: false,
      status: 403,
      code: "forbidden",
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await actionWithUser(schema, async () => done(), { permission: "users:read" })({ name: "Ada" })).toMatchObject({ ok: true });
  });
});

describe("refusalMessage (the one way forms and toasts word a refusal)", () => {
  it("words a plain rate limit's wait from retryAfterSeconds", () => {
    expect(refusalMessage(refuse(429, "Too many attempts.", { retryAfterSeconds: 61 }))).toBe("Too many attempts. Try again in 2 minutes.");
    expect(refusalMessage(refuse(429, "Too many attempts.", { retryAfterSeconds: 30 }))).toBe("Too many attempts. Try again in 1 minute.");
  });

  it("shows every other refusal's own message, a lock's included", () => {
    const locked = refuse(429, "Too many attempts: sign-in is locked for 15 minutes.", { code: "account_locked", retryAfterSeconds: 900 });
    expect(refusalMessage(locked)).toBe(locked.message);
    expect(refusalMessage(refuse(409, "Taken.", { code: "email_taken" }))).toBe("Taken.");
  });
});
