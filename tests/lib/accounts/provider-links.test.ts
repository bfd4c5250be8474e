import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/password-hash";
import type { ProviderIdentity } from "@/lib/accounts/provider-identity";
import { confirmWithProvider, linkProvider, listSignInMethods, unlinkProvider } from "@/lib/accounts/provider-links";
import { signInWithProvider } from "@/lib/accounts/provider-sign-in";
import { hasRecentReauthentication } from "@/lib/accounts/reauthentication";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { systemConfig } from "@/system.config";
import { unique, useTestDatabase } from "../../helpers/database";

// The rules of provider sign-in and linking, on the data layer: an email match never links, a new account
// needs a verified address, a link needs a recent confirmation, and the last way to sign in stays.

const context = () => ({ ipAddress: "198.51.100.7", userAgent: "Test", requestId: null });

function identity(overrides: Partial<ProviderIdentity> = {}): ProviderIdentity {
  return {
    provider: "oidc",
    providerAccountId: unique("sub"),
    email: `${unique("oidc")}@example.com`,
    emailVerified: true,
    firstName: "Ada",
    lastName: "Lovelace",
    ...overrides,
  };
}

async function person(options: { password?: boolean; status?: "ACTIVE" | "DISABLED"; twoFactor?: boolean } = {}) {
  return db.user.create({
    data: {
      email: `${unique("person")}@example.com`,
      firstName: "Pat",
      lastName: "Person",
      emailVerified: new Date(),
      passwordHash: options.password === false ? null : await hashPassword("lantern orbit quietly 1984"),
      status: options.status ?? "ACTIVE",
      twoFactorEnabledAt: options.twoFactor ? new Date() : null,
      twoFactorSecret: options.twoFactor ? "not-used-here" : null,
    },
  });
}

async function signedIn(userId: string) {
  const secret = await createSession(userId, { rememberMe: false, context: context() });
  return { id: userId, sessionId: (await findActiveSession(secret))!.id };
}

const audits = (action: string, actorId?: string) => db.auditLog.findMany({ where: { action, ...(actorId ? { actorId } : {}) } });

describe("signing in through a provider", () => {
  useTestDatabase();

  it("creates an account for a verified address: verified, no password, the link recorded with its email", async () => {
    const who = identity();
    const result = await signInWithProvider(who, context());
    expect(result).toMatchObject({ ok: true, value: { created: true, twoFactorPending: false } });
    if (!result.ok) return;
    const user = await db.user.findUniqueOrThrow({
      where: { id: result.value.userId },
      include: { accounts: true, roles: { include: { role: true } } },
    });
    expect(user).toMatchObject({ email: who.email, passwordHash: null, firstName: "Ada", lastName: "Lovelace" });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.roles.map((r) => r.role.name)).toEqual(["user"]);
    expect(user.accounts).toMatchObject([{ provider: "oidc", providerAccountId: who.providerAccountId, email: who.email }]);
    expect(await findActiveSession(result.value.sessionSecret)).toMatchObject({ userId: user.id, twoFactorPending: false });
    expect(await audits("user.login", user.id)).toMatchObject([{ details: { method: "oidc" } }]);

    // Next time the link, not the address, finds the same person.
    const again = await signInWithProvider({ ...who, email: "someone-else@example.com" }, context());
    expect(again).toMatchObject({ ok: true, value: { userId: user.id, created: false } });
  });

  it("refuses to create an account for an address the provider did not verify, and creates nothing", async () => {
    const who = identity({ emailVerified: false });
    expect(await signInWithProvider(who, context())).toMatchObject({ ok: false, status: 403, code: "provider_email_unverified" });
    expect(await db.user.count({ where: { email: who.email! } })).toBe(0);
    expect(await signInWithProvider(identity({ email: null }), context())).toMatchObject({ code: "provider_email_unverified" });
  });

  it("never links by a matching email: the owner must sign in and connect the provider", async () => {
    const owner = await person();
    const result = await signInWithProvider(identity({ email: owner.email }), context());
    expect(result).toMatchObject({ ok: false, status: 409, code: "provider_email_in_use" });
    expect(result.ok || result.message).toMatch(/Sign in with your password, then connect/);
    expect(await db.account.count({ where: { userId: owner.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
    expect(await audits("user.login_failed", owner.id)).toMatchObject([{ details: { method: "oidc", reason: "email_in_use_unlinked" } }]);
  });

  it("refuses a disabled user's link with the password sign-in's words, and makes no session", async () => {
    const disabled = await person({ status: "DISABLED" });
    const who = identity();
    await db.account.create({ data: { userId: disabled.id, type: "oidc", provider: "oidc", providerAccountId: who.providerAccountId } });
    expect(await signInWithProvider(who, context())).toMatchObject({
      ok: false,
      status: 403,
      code: "account_disabled",
      message: expect.stringMatching(/^This account is disabled\./),
    });
    expect(await db.session.count({ where: { userId: disabled.id } })).toBe(0);
  });

  it("still asks for the code of a user with two-factor on: the session waits, and the login is not logged yet", async () => {
    const user = await person({ twoFactor: true });
    const who = identity();
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "oidc", providerAccountId: who.providerAccountId } });
    const result = await signInWithProvider(who, context());
    expect(result).toMatchObject({ ok: true, value: { userId: user.id, twoFactorPending: true } });
    if (result.ok) expect(await findActiveSession(result.value.sessionSecret)).toMatchObject({ twoFactorPending: true });
    expect(await audits("user.login", user.id)).toEqual([]);
  });
});

describe("connecting and removing providers in /account", () => {
  useTestDatabase();

  it("links a verified provider account after a recent confirmation, records its email and audits", async () => {
    const user = await person();
    const caller = await signedIn(user.id);
    const who = identity({ email: "work-address@example.org" });
    expect(await linkProvider(caller, who, context())).toMatchObject({ ok: true });
    const methods = await listSignInMethods(user.id);
    expect(methods).toMatchObject({ hasPassword: true, links: [{ provider: "oidc", email: "work-address@example.org" }] });
    expect(await audits("account.provider_linked", user.id)).toMatchObject([
      { details: { provider: "oidc", email: "work-address@example.org" } },
    ]);
    expect(await signInWithProvider(who, context())).toMatchObject({ ok: true, value: { userId: user.id } });
  });

  it("refuses without a recent confirmation, an unverified address, or an account linked to someone else", async () => {
    const user = await person();
    const caller = await signedIn(user.id);
    const stale = new Date(Date.now() - (systemConfig.accounts.reauthenticationMinutes * 60 + 5) * 1000);
    await db.session.update({ where: { id: caller.sessionId }, data: { reauthenticatedAt: stale } });
    expect(await linkProvider(caller, identity(), context())).toMatchObject({ ok: false, code: "reauthentication_required" });

    const fresh = await signedIn(user.id);
    expect(await linkProvider(fresh, identity({ emailVerified: false }), context())).toMatchObject({
      ok: false,
      code: "provider_email_unverified",
    });

    const other = await person();
    const taken = identity();
    expect(await linkProvider(await signedIn(other.id), taken, context())).toMatchObject({ ok: true });
    expect(await linkProvider(fresh, taken, context())).toMatchObject({ ok: false, status: 409, code: "provider_account_taken" });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect((await audits("account.provider_link_failed", user.id)).map((a) => (a.details as { reason: string }).reason).sort()).toEqual([
      "email_unverified",
      "linked_to_another_user",
      "reauthentication_required",
    ]);
  });

  it("refuses to remove the last way to sign in, and removes a link while a password remains", async () => {
    const created = await signInWithProvider(identity(), context());
    if (!created.ok) throw new Error("no account");
    const { userId } = created.value;
    expect(await unlinkProvider(userId, "oidc", context())).toMatchObject({ ok: false, status: 409, code: "last_sign_in_method" });
    expect(await db.account.count({ where: { userId } })).toBe(1);
    expect(await audits("account.provider_unlink_failed", userId)).toMatchObject([
      { details: { provider: "oidc", reason: "last_sign_in_method" } },
    ]);

    // A second provider is another way in: now either one may go, but not both.
    await db.account.create({ data: { userId, type: "oauth", provider: "github", providerAccountId: unique("gh") } });
    expect(await unlinkProvider(userId, "oidc", context())).toMatchObject({ ok: true });
    expect(await unlinkProvider(userId, "github", context())).toMatchObject({ ok: false, code: "last_sign_in_method" });

    const withPassword = await person();
    await db.account.create({ data: { userId: withPassword.id, type: "oidc", provider: "oidc", providerAccountId: unique("sub") } });
    expect(await unlinkProvider(withPassword.id, "oidc", context())).toMatchObject({ ok: true });
    expect(await audits("account.provider_unlinked", withPassword.id)).toHaveLength(1);
    expect(await unlinkProvider(withPassword.id, "oidc", context())).toMatchObject({ ok: false, code: "provider_not_found" });
  });

  it("confirms it's you through a provider only when that provider account is linked to you", async () => {
    const user = await person({ password: false });
    const caller = await signedIn(user.id);
    await db.session.update({ where: { id: caller.sessionId }, data: { reauthenticatedAt: null } });
    const stranger = identity();
    expect(await confirmWithProvider(caller, stranger, context())).toMatchObject({ ok: false, code: "provider_not_linked" });
    // Someone else's provider account proves nothing about this person either.
    const other = await person();
    await db.account.create({ data: { userId: other.id, type: "oidc", provider: "oidc", providerAccountId: stranger.providerAccountId } });
    expect(await confirmWithProvider(caller, stranger, context())).toMatchObject({ ok: false, code: "provider_not_linked" });
    expect(await hasRecentReauthentication(caller.sessionId)).toBe(false);

    const mine = identity();
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "oidc", providerAccountId: mine.providerAccountId } });
    expect(await confirmWithProvider(caller, mine, context())).toMatchObject({ ok: true });
    expect(await hasRecentReauthentication(caller.sessionId)).toBe(true);
  });
});
