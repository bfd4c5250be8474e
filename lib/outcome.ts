// What a data-access function answers when it refuses for a reason the caller should show: the HTTP status
// an API would use, a message for people, and field errors for forms. Permission refusals are not
// outcomes: lib/authz throws ForbiddenError for those.

export type Refusal = { ok: false; status: 400 | 404 | 409 | 422; message: string; fieldErrors?: Record<string, string[]> };
export type Outcome<T = undefined> = { ok: true; value: T } | Refusal;

export const done = <T = undefined>(value?: T): Outcome<T> => ({ ok: true, value: value as T });
export const refuse = (status: Refusal["status"], message: string, fieldErrors?: Record<string, string[]>): Refusal => ({
  ok: false,
  status,
  message,
  fieldErrors,
});
