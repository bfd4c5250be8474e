import { describe, expect, it } from "vitest";
import { githubPrimaryEmail, identityFromProfile } from "@/lib/accounts/provider-identity";

// A provider's profile is outside input: only an address the provider says it verified counts as verified.

describe("a provider's profile", () => {
  it("reads an OIDC profile: sub, lower-cased email, email_verified (boolean or the string some issuers send)", () => {
    const profile = { sub: "abc", email: "Ada@Example.COM", email_verified: true, given_name: "Ada", family_name: "Lovelace" };
    expect(identityFromProfile("oidc", profile)).toEqual({
      provider: "oidc",
      providerAccountId: "abc",
      email: "ada@example.com",
      emailVerified: true,
      firstName: "Ada",
      lastName: "Lovelace",
    });
    expect(identityFromProfile("google", { ...profile, email_verified: "true" })?.emailVerified).toBe(true);
    expect(identityFromProfile("oidc", { ...profile, email_verified: "false" })?.emailVerified).toBe(false);
    expect(identityFromProfile("oidc", { ...profile, email_verified: undefined })?.emailVerified).toBe(false);
    expect(identityFromProfile("oidc", { ...profile, email: "not an address" })).toMatchObject({ email: null, emailVerified: false });
  });

  it("refuses a profile without an id, and keeps only names our own form would accept", () => {
    expect(identityFromProfile("oidc", { email: "a@example.com" })).toBeNull();
    expect(identityFromProfile("oidc", { sub: "x", name: "Grace Brewster Hopper" })).toMatchObject({
      firstName: "Grace",
      lastName: "Brewster Hopper",
    });
    expect(identityFromProfile("oidc", { sub: "x", given_name: "<b>x</b>", family_name: "visit.evil.example" })).toMatchObject({
      firstName: "",
      lastName: "",
    });
  });

  it("reads GitHub's numeric id and the verified flag of its primary address", () => {
    const emails = [
      { email: "old@example.com", primary: false, verified: true },
      { email: "Main@example.com", primary: true, verified: false },
    ];
    expect(githubPrimaryEmail(emails)).toEqual({ email: "Main@example.com", verified: false });
    expect(githubPrimaryEmail({ message: "Bad credentials" })).toBeNull();
    expect(identityFromProfile("github", { id: 42, name: "Octo Cat", email: "Main@example.com", email_verified: false })).toMatchObject({
      providerAccountId: "42",
      email: "main@example.com",
      emailVerified: false,
    });
    expect(identityFromProfile("github", { id: 42, email: "main@example.com", email_verified: true })?.emailVerified).toBe(true);
  });
});
