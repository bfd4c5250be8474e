import "server-only";
import type { Refusal, RefusalCode } from "@/lib/outcome";

// RFC 9457 problem details: the one shape every API error takes. `detail` is for the client's benefit and
// must never carry internals (stack traces, SQL, file paths): 5xx answers use the generic title only.

export type ProblemInit = {
  title?: string;
  detail?: string;
  /** A URI naming the problem type; "about:blank" means "see the status code". */
  type?: string;
  /** The refusal's stable machine code (lib/outcome.ts), which clients branch on. */
  code?: RefusalCode;
  /** Field-level validation messages, keyed by field path. */
  errors?: Record<string, string[]>;
  headers?: HeadersInit;
  requestId?: string;
};

/** The standard title of each status a problem answers with (also the OpenAPI document's examples). */
export const problemTitles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(status: number, init: ProblemInit = {}): Response {
  const body = {
    type: init.type ?? "about:blank",
    title: init.title ?? problemTitles[status] ?? "Error",
    status,
    ...(init.code ? { code: init.code } : {}),
    ...(init.detail ? { detail: init.detail } : {}),
    ...(init.errors ? { errors: init.errors } : {}),
    ...(init.requestId ? { requestId: init.requestId } : {}),
  };
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/problem+json");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

/** A data-layer refusal as problem+json: its status, code, message and field errors, and Retry-After when limited. */
export function problemFromRefusal(refusal: Refusal, requestId?: string): Response {
  const headers = refusal.retryAfterSeconds !== undefined ? { "Retry-After": String(refusal.retryAfterSeconds) } : undefined;
  return problem(refusal.status, { code: refusal.code, detail: refusal.message, errors: refusal.fieldErrors, headers, requestId });
}
