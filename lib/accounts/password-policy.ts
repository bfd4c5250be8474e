import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { systemConfig } from "@/system.config";
import { isBreachedPassword } from "./breached-passwords";
import { createPasswordEstimator, passwordMinScore } from "./password-estimator";

// One policy for registration, reset, change and the admin command (OWASP ASVS 5.0 V6, NIST SP 800-63B-4):
// long enough, not a known-common password, not built from who you are, and not easy to guess by the same
// estimator the strength meter shows. No composition rules: they make passwords harder to remember, not
// harder to guess. Nothing is truncated: the hash pre-hashes (see password-hash.ts).

export const PASSWORD_MAX_LENGTH = 1024; // keeps hashing cost bounded; passphrases of 64+ are welcome

const commonPasswords: ReadonlySet<string> = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.normalize("NFKC").toLowerCase());
}

export const commonPasswordCount = commonPasswords.size;

export type PasswordContext = { email?: string; firstName?: string; lastName?: string };

// Building the estimator's dictionaries costs about a second of CPU: once per process (globalThis, since
// Next bundles start-up and request code apart), at start-up rather than in someone's first registration.
const shared = globalThis as unknown as { passwordEstimator?: ReturnType<typeof createPasswordEstimator> };
const estimator = () => (shared.passwordEstimator ??= createPasswordEstimator());
export const warmPasswordEstimator = (): void => void estimator();

/** Every reason the password is refused, in words for the person choosing it; empty when it is fine. */
export async function passwordProblems(password: string, context: PasswordContext = {}): Promise<string[]> {
  const problems: string[] = [];
  const length = [...password].length;
  const min = systemConfig.accounts.passwordMinLength;
  if (length < min) problems.push(`Use at least ${min} characters (a few unrelated words work well).`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (isCommonPassword(password)) problems.push("This password is too common: it is on lists attackers try first.");

  const lower = password.normalize("NFKC").toLowerCase();
  const personal = [
    context.email?.toLowerCase(),
    context.email?.split("@")[0]?.toLowerCase(),
    context.firstName?.toLowerCase(),
    context.lastName?.toLowerCase(),
  ].filter((part): part is string => !!part && part.length >= 3);
  if (personal.some((part) => lower.includes(part))) problems.push("Don't use your name or email address in your password.");
  if (lower.includes(systemConfig.name.toLowerCase())) problems.push(`Don't use the name ${systemConfig.name} in your password.`);
  if (length >= min && new Set(password).size <= 2) problems.push("Don't repeat the same one or two characters.");
  // The plain reasons above say it best; the estimator and the network are asked only when none applies.
  if (problems.length) return problems;

  const userInputs = [...personal, systemConfig.name];
  const estimate = estimator()(password, userInputs);
  if (estimate.score < passwordMinScore) {
    return [[estimate.warning || "This password is easy to guess.", estimate.suggestion || "Add a few more unrelated words."].join(" ")];
  }
  if (await isBreachedPassword(password)) return ["This password appeared in a data breach, so attackers try it. Choose another."];
  return [];
}
