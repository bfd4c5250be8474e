// The one result vocabulary of the data layer. A function that can refuse for a reason its caller should show
// answers an Outcome: success with a value, or a refusal with a stable machine code (for API clients and
// tests), the HTTP status an API answers with, a message for people, field errors for forms and, when
// limited, how long to wait. Forms, server actions and problem+json all render a refusal the same way.

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 429;

export type Refusal = {
  ok: false;
  status: RefusalStatus;
  /** Stable, lower_snake_case; clients branch on it, never on the message. */
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
};
export type Success<T> = { ok: true; value: T; message?: string };
export type Outcome<T = undefined> = Success<T> | Refusal;

/** The code a refusal carries when its function names none. */
const defaultRefusalCodes: Record<RefusalStatus, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "precondition_failed",
  422: "invalid_input",
  429: "rate_limited",
};

export const done = <T = undefined>(value?: T, message?: string): Success<T> => ({
  ok: true,
  value: value as T,
  ...(message ? { message } : {}),
});

export function refuse(
  status: RefusalStatus,
  message: string,
  details: { code?: string; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {},
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
