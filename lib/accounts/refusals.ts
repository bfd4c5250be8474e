import "server-only";
import { refuse, type Refusal } from "@/lib/outcome";
import { systemConfig } from "@/system.config";

// Refusals several account and two-factor functions share, worded once so the same cause reads the same.

/** Every limit of the account pages refuses alike; the form words the wait from retryAfterSeconds. */
export const rateLimited = (retryAfterSeconds: number): Refusal => refuse(429, "Too many attempts.", { retryAfterSeconds });

/** A new password the policy refuses: the reasons go next to the password field. */
export const weakPassword = (problems: string[]): Refusal =>
  refuse(422, "Choose a stronger password.", { code: "weak_password", fieldErrors: { password: problems } });

/** A disabled or deleted account, whichever way it tries to sign in (password or a provider). */
export const accountDisabled = (): Refusal =>
  refuse(403, `This account is disabled. Contact ${systemConfig.supportEmail} if you think this is a mistake.`, {
    code: "account_disabled",
  });
