import { afterConfirming, passwordOrCodeProof, passwordProofShape, proofRefusals } from "@/lib/accounts/proof-operations";
import { forSession, sessionOnly } from "@/lib/api-auth/session-only";
import { defineOperation } from "@/lib/kernel/operation";
import { done, type Outcome } from "@/lib/outcome";
import { z } from "@/lib/zod";
import { confirmEnrolmentSchema } from "./schemas";

// One's own two-factor settings over /api/v1, through the functions /account/two-factor calls (manage.ts: state
// checks, the role policy, audit, emails). Where the page asks "confirm it's you", the body carries the proof.
// A personal access token is refused (lib/api-auth/session-only.ts): it must not tie the account to another phone.

const tags = ["Two-factor"];
const manage = () => import("./manage");
const recoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).describe("Each works once instead of a code; shown this once, only their hashes are kept"),
});

const answerCodes = (outcome: Outcome<string[]>) => (outcome.ok ? done({ recoveryCodes: outcome.value }) : outcome);

const statusOperation = defineOperation({
  id: "two-factor.status",
  method: "GET",
  path: "/me/two-factor",
  summary: "Whether two-factor sign-in is on, whether one's roles require it, and how many recovery codes are left",
  tags,
  permission: null,
  refusals: sessionOnly,
  input: z.object({}),
  output: z.object({
    enabled: z.boolean(),
    enabledAt: z.iso.datetime().nullable(),
    enrolling: z.boolean().describe("An enrolment was begun and not confirmed"),
    required: z.boolean().describe("A role of the caller requires two-factor sign-in, so it cannot be turned off"),
    recoveryCodesLeft: z.number().int(),
  }),
  handler: forSession(async (_input, user) => {
    const status = await (await manage()).twoFactorStatus(user.id);
    return done({ ...status, enabledAt: status.enabledAt?.toISOString() ?? null });
  }),
});

const enrolOperation = defineOperation({
  id: "two-factor.enrol",
  method: "POST",
  path: "/me/two-factor",
  summary:
    "Begin turning two-factor sign-in on: a new secret for the authenticator app (replacing an unconfirmed one). Nothing changes at sign-in until POST /me/two-factor/confirm, within a few minutes",
  tags,
  permission: null,
  refusals: { ...sessionOnly, ...proofRefusals, 409: ["two_factor_enabled"] },
  input: z.object(passwordProofShape),
  output: z.object({
    secret: z.string().describe("The TOTP secret, base32, for apps that take it typed"),
    uri: z.string().describe("The otpauth:// URI a QR code would carry"),
  }),
  handler: afterConfirming(async (_proof, user) => {
    const { startEnrolment, enrolmentDetails } = await manage();
    const started = await startEnrolment(user.id, user.sessionId);
    if (!started.ok) return started;
    const details = await enrolmentDetails(user.id);
    if (!details) throw new Error("An enrolment just begun has no secret.");
    return done({ secret: new URL(details.uri).searchParams.get("secret") ?? "", uri: details.uri });
  }),
});

const confirmOperation = defineOperation({
  id: "two-factor.confirm",
  method: "POST",
  path: "/me/two-factor/confirm",
  summary:
    "Turn two-factor sign-in on with a current code from the app; answers the recovery codes, once. Every other session is signed out",
  tags,
  permission: null,
  refusals: {
    ...sessionOnly,
    401: ["reauthentication_required"],
    409: ["two_factor_enabled", "enrolment_expired", "two_factor_changed"],
    422: ["two_factor_code_invalid"],
  },
  input: confirmEnrolmentSchema,
  output: recoveryCodes,
  handler: forSession(async ({ code }, user, context) =>
    answerCodes(await (await manage()).confirmEnrolment(user.id, user.sessionId, code, context)),
  ),
});

const regenerateOperation = defineOperation({
  id: "two-factor.regenerate_recovery_codes",
  method: "POST",
  path: "/me/two-factor/recovery-codes",
  summary: "New recovery codes, answered once; the old ones stop working. Confirm with the password or a current code",
  tags,
  permission: null,
  refusals: { ...sessionOnly, ...proofRefusals, 409: ["two_factor_off"] },
  input: passwordOrCodeProof,
  output: recoveryCodes,
  handler: afterConfirming(async (_proof, user, context) =>
    answerCodes(await (await manage()).regenerateRecoveryCodes(user.id, user.sessionId, context)),
  ),
});

const disableOperation = defineOperation({
  id: "two-factor.disable",
  method: "DELETE",
  path: "/me/two-factor",
  summary: "Turn two-factor sign-in off, confirming with the password or a current code in the body; refused while a role requires it",
  tags,
  permission: null,
  refusals: { ...sessionOnly, ...proofRefusals, 409: ["two_factor_off", "two_factor_required"] },
  deleteWithBody: true,
  input: passwordOrCodeProof,
  output: null,
  handler: afterConfirming(async (_proof, user, context) => (await manage()).disableTwoFactor(user.id, user.sessionId, context)),
});

export const twoFactorOperations = [statusOperation, enrolOperation, confirmOperation, regenerateOperation, disableOperation];
