// The one result vocabulary of the data layer. A function that can refuse for a reason its caller should show
// answers an Outcome: success with a value, or a refusal with a stable machine code (for API clients and
// tests), the HTTP status an API answers with, a message for people, field errors for forms and, when
// limited, how long to wait. Forms, server actions and problem+json all render a refusal the same way.

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 429 | 503;

/**
 * Every stable code a refusal or an API problem may carry, and what it means to a client. The one list: the Refusal
 * type is built from it, so a code missing here does not compile, and the OpenAPI document lists it as the
 * Problem's `code` enum (lib/kernel/openapi.ts), so a client's types know every code the server can answer.
 */
export const refusalCodes = {
  // The API router's and the HTTP layer's answers
  bad_request: "The body is not valid JSON, or not a JSON object.",
  unauthenticated: "No caller: sign in first.",
  invalid_token: "The bearer token is unknown, expired or revoked.",
  forbidden: "The caller lacks the permission.",
  cross_origin: "A cookie-authenticated change came from another site.",
  not_found: "No such record (or not the caller's).",
  no_endpoint: "No API endpoint at this path.",
  no_operation: "No such operation.",
  method_not_allowed: "The path does not take this method (see Allow).",
  conflict: "The change conflicts with the current state.",
  precondition_failed: "A precondition of the request does not hold.",
  version_conflict: "The record changed since the version named by If-Match.",
  body_too_large: "The body is over the size limit.",
  unsupported_media_type: "The body is not JSON.",
  invalid_input: "Some fields are not valid: `errors` names each.",
  invalid_query: "The list query is not valid: `errors` names each parameter.",
  invalid_idempotency_key: "Idempotency-Key is not 1–255 visible ASCII characters.",
  idempotency_key_reused: "This Idempotency-Key was used with another body.",
  idempotency_in_progress: "A request with this Idempotency-Key is still running.",
  rate_limited: "Too many requests: wait Retry-After seconds.",
  https_required: "The request must use HTTPS.",
  invalid_signature: "The webhook's signature is missing or wrong, or its timestamp is too old.",
  database_unavailable: "The database is unreachable, overloaded or too slow right now: retry after Retry-After seconds.",
  // Sign-in, sessions and tokens
  invalid_credentials: "The email address or password is wrong.",
  invalid_grant: "The refresh token is not valid.",
  account_disabled: "The account is disabled.",
  account_locked: "Sign-in is locked for a while after too many failures.",
  email_unverified: "The email address is not confirmed yet.",
  session_not_found: "No such session.",
  session_ended: "The session has ended.",
  current_session: "The current session cannot be ended this way.",
  reauthentication_required: "Confirm it is you (password or code) first.",
  token_session_required:
    "Managing tokens or one's own sign-in (password, email, two-factor, sign-in methods) needs a signed-in session or a JWT, not a personal access token.",
  scope_not_held: "A token can only carry permissions its owner holds.",
  // Two-factor authentication
  two_factor_required: "Send the authenticator's code (or a recovery code).",
  two_factor_setup_required: "The role requires two-factor authentication: set it up in the web app first.",
  two_factor_code_invalid: "The authenticator's code did not work.",
  recovery_code_invalid: "The recovery code did not work.",
  two_factor_enabled: "Two-factor authentication is on already.",
  two_factor_off: "Two-factor authentication is off.",
  two_factor_changed: "Two-factor settings changed meanwhile: start again.",
  enrolment_expired: "The enrolment took too long: start again.",
  challenge_expired: "The sign-in challenge has expired: sign in again.",
  // Accounts and email links
  weak_password: "The password is too weak.",
  email_taken: "Another account uses this address.",
  email_unchanged: "The new address is the current one.",
  email_already_verified: "The address is confirmed already.",
  token_invalid: "The link is not valid.",
  token_expired: "The link has expired.",
  token_used: "The link was used already.",
  // Sign-in through GitHub, Google or an OIDC issuer (lib/accounts/provider-refusals.ts words them)
  provider_email_in_use: "An account uses the provider's address: sign in, then connect the provider.",
  provider_email_unverified: "The provider has not confirmed the address.",
  provider_account_taken: "The provider account is connected to another account.",
  provider_already_linked: "An account at this provider is connected already.",
  provider_not_linked: "That provider account is not connected to this account.",
  provider_not_found: "No account at this provider is connected.",
  last_sign_in_method: "The only way left to sign in cannot be removed.",
  provider_failed: "The provider sign-in did not complete.",
  // Users and roles
  user_not_found: "No such user.",
  own_account: "You cannot do this to your own account.",
  last_admin: "The last active administrator must stay one.",
  beyond_own_permissions: "The change would grant or withdraw what the caller does not hold.",
  role_not_found: "No such role.",
  role_name_taken: "A role with that name exists already.",
  role_in_use: "The role still has users.",
  built_in_role: "Built-in roles keep their names.",
  unknown_role: "No role by that name.",
  unknown_permission: "No permission by that key.",
  admin_role_missing: "The administrator role does not exist.",
  admin_role_locked: "The administrator role keeps its permissions.",
  // Composed email
  no_recipients: "Nobody in the chosen audience can receive email (active, confirmed accounts only).",
  send_not_found: "No such composed send.",
  send_finished: "Every message of the send has gone out or was stopped already.",
} as const satisfies Record<string, string>;

export type RefusalCode = keyof typeof refusalCodes;

export type Refusal = {
  ok: false;
  status: RefusalStatus;
  /** Stable, lower_snake_case; clients branch on it, never on the message. */
  code: RefusalCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
};
export type Success<T> = { ok: true; value: T; message?: string };
export type Outcome<T = undefined> = Success<T> | Refusal;

/** The code a refusal carries when its function names none. */
const defaultRefusalCodes: Record<RefusalStatus, RefusalCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "precondition_failed",
  422: "invalid_input",
  429: "rate_limited",
  503: "database_unavailable",
};

export const done = <T = undefined>(value?: T, message?: string): Success<T> => ({
  ok: true,
  value: value as T,
  ...(message ? { message } : {}),
});

export function refuse(
  status: RefusalStatus,
  message: string,
  details: { code?: RefusalCode; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {},
): Refusal {
  return {
    ok: false,
    status,
    code: details.code ?? defaultRefusalCodes[status],
    message,
    ...(details.fieldErrors ? { fieldErrors: details.fieldErrors } : {}),
    ...(details.retryAfterSeconds !== undefined ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
  };
}
