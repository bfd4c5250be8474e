import "server-only";
import { refuse, type Refusal, type RefusalStatus } from "@/lib/outcome";
import { systemConfig } from "@/system.config";
import { accountDisabled } from "./refusals";

// A provider sign-in or link ends on a redirect (the browser comes back from the provider), so its refusal
// travels as a stable code in the URL and the page words it from this table: a crafted link can only make a
// page say one of these sentences, about one of the configured providers.

const reauthenticationMinutes = systemConfig.accounts.reauthenticationMinutes;

const providerRefusals = {
  provider_email_in_use: [
    409,
    (p: string) =>
      `An account with this email address already exists. Sign in with your password, then connect ${p} from your account page.`,
  ],
  provider_email_unverified: [
    403,
    (p: string) => `${p} has not confirmed an email address for you, so we cannot use it. Confirm your address with ${p}, then try again.`,
  ],
  provider_account_taken: [409, (p: string) => `That ${p} account is already connected to another account here.`],
  provider_already_linked: [409, (p: string) => `A ${p} account is already connected. Remove it first to connect another one.`],
  provider_not_linked: [403, (p: string) => `That ${p} account is not connected to your account, so it cannot confirm it's you.`],
  provider_not_found: [404, (p: string) => `No ${p} account is connected.`],
  last_sign_in_method: [409, (p: string) => `${p} is your only way to sign in. Set a password or connect another provider first.`],
  reauthentication_required: [
    401,
    () => `Confirm it's you first: enter your password or a current code. That then counts for ${reauthenticationMinutes} minutes.`,
  ],
  provider_failed: [400, (p: string) => `Signing in with ${p} did not complete. Try again.`],
} as const satisfies Record<string, readonly [RefusalStatus, (provider: string) => string]>;

export type ProviderRefusalCode = keyof typeof providerRefusals | "account_disabled";

export function providerRefusal(code: ProviderRefusalCode, providerLabel: string): Refusal {
  if (code === "account_disabled") return accountDisabled();
  const [status, words] = providerRefusals[code];
  return refuse(status, words(providerLabel), { code });
}

/** For a code that came back in a URL: a known code's words, anything else reads as an unfinished sign-in. */
export function providerRefusalFromUrl(code: unknown, providerLabel: string): Refusal {
  const known = typeof code === "string" && (code === "account_disabled" || Object.hasOwn(providerRefusals, code));
  return providerRefusal(known ? (code as ProviderRefusalCode) : "provider_failed", providerLabel);
}
