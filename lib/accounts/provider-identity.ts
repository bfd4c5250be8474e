import "server-only";
import { z } from "zod";
import type { ProviderId } from "@/lib/auth/provider-ids";
import { emailField, nameField } from "./schemas";

// What a provider tells us about a person, checked at the boundary: the provider's profile is outside input.

export type ProviderIdentity = {
  provider: ProviderId;
  /** The provider's own stable id for the person (OIDC `sub`, GitHub's numeric id): never the email. */
  providerAccountId: string;
  /** Lower-cased; null when the provider gave none or it is not an address. */
  email: string | null;
  /** The provider asserts the person controls that address (OIDC email_verified, GitHub's verified primary). */
  emailVerified: boolean;
  firstName: string;
  lastName: string;
};

// Some issuers send email_verified as the string "true".
const verifiedFlag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).catch(false);

/** What every provider's profile comes down to, before the address and names are checked. */
type RawIdentity = {
  id: string;
  email?: string | null;
  verified?: boolean;
  given?: string | null;
  family?: string | null;
  full?: string | null;
};

const oidcProfile = z
  .object({
    sub: z.string().min(1).max(255),
    email: z.string().optional().nullable(),
    email_verified: verifiedFlag.optional(),
    given_name: z.string().optional().nullable(),
    family_name: z.string().optional().nullable(),
    name: z.string().optional().nullable(),
  })
  .transform((p): RawIdentity => ({
    id: p.sub,
    email: p.email,
    verified: p.email_verified,
    given: p.given_name,
    family: p.family_name,
    full: p.name,
  }));

/** GitHub's profile plus the email fields our userinfo request adds (lib/auth/providers.ts). */
const githubProfile = z
  .object({
    id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]),
    email: z.string().optional().nullable(),
    email_verified: z.boolean().optional(),
    name: z.string().optional().nullable(),
  })
  .transform((p): RawIdentity => ({ id: String(p.id), email: p.email, verified: p.email_verified, full: p.name }));

const first = nameField("first name");
const last = nameField("last name");
/** A provider's name only when it would pass our own form; otherwise the person fills it in at /account. */
const nameOrEmpty = (schema: typeof first, value: string | null | undefined) => schema.safeParse(value ?? "").data ?? "";

function splitName({ given, family, full }: RawIdentity) {
  if (given || family) return { firstName: nameOrEmpty(first, given), lastName: nameOrEmpty(last, family) };
  const [head = "", ...rest] = (full ?? "").trim().split(/\s+/);
  return { firstName: nameOrEmpty(first, head), lastName: nameOrEmpty(last, rest.join(" ")) };
}

/** The person behind a provider's profile, or null when the profile lacks a usable id. */
export function identityFromProfile(provider: ProviderId, profile: unknown): ProviderIdentity | null {
  const raw = (provider === "github" ? githubProfile : oidcProfile).safeParse(profile).data;
  if (!raw) return null;
  const email = emailField.safeParse(raw.email ?? "").data ?? null;
  return { provider, providerAccountId: raw.id, email, emailVerified: email !== null && raw.verified === true, ...splitName(raw) };
}

type GithubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub lists a person's addresses (GET /user/emails): the primary one, and whether GitHub verified it. */
export function githubPrimaryEmail(emails: unknown): { email: string; verified: boolean } | null {
  const parsed = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() })).safeParse(emails);
  const primary = parsed.data?.find((entry: GithubEmail) => entry.primary);
  return primary ? { email: primary.email, verified: primary.verified } : null;
}
