import type { $ZodType, output } from "zod/v4/core";
import type { Actor, Permission } from "@/lib/authz";
import type { Outcome, RefusalCode, RefusalStatus } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";

// An operation is declared once: its permission, input and output schemas and handler. The REST router
// (lib/kernel/rest.ts) serves it at /api/v1, the one server action (app/records/run-operation.ts) serves it to the
// screens, and the OpenAPI document (lib/kernel/openapi.ts) describes it, all from this declaration.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type OperationCall = {
  actor: Actor;
  context: RequestContext;
  /** The record version the caller last saw (If-Match on the API, a hidden field on the screens). */
  expectedVersion?: number;
};

/** What an operation may answer besides JSON: a CSV stream for exports. */
export type StreamBody = { stream: ReadableStream<Uint8Array>; contentType: string; filename: string };

export type QueryParameter = { name: string; description: string; schema: Record<string, unknown> };

export type Operation<I extends $ZodType = $ZodType, O = unknown> = {
  /** `<resource>.<verb>`, unique across the system; also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Under /api/v1, with `{name}` path parameters: "/projects/{id}". */
  path: string;
  summary: string;
  tags: readonly string[];
  /**
   * Checked before the handler runs; the handler's data access checks again (and applies owner rules). null: any
   * signed-in caller, for what concerns only themselves (/me).
   */
  permission: Permission | null;
  /**
   * "none": no caller at all (the program sign-in endpoints); the handler gets NOBODY and permission must be null.
   * "optional": the caller when the request names a valid one (a bearer token or the cookie), else NOBODY;
   * permission must be null.
   */
  authentication?: "none" | "optional";
  /**
   * The handler's own refusals by status, beyond the router's (lib/kernel/openapi.ts lists those): the document
   * lists exactly these codes per status, and every tested answer is held to it (tests/helpers/openapi-validate.ts).
   */
  refusals?: { readonly [S in RefusalStatus]?: readonly RefusalCode[] };
  /** A DELETE that takes a JSON body (a password, which must not travel in the URL) instead of the query string. */
  deleteWithBody?: boolean;
  /** Path parameters, query (GET, DELETE) and JSON body (POST, PUT, PATCH) are merged into one object and parsed. */
  input: I;
  /** Describes the success answer in OpenAPI; null for 204 and streams. */
  output: $ZodType | null;
  /** 201 for creations (with a Location header when the value has an id), 200 otherwise, 204 when `output` is null. */
  successStatus?: 200 | 201 | 204;
  /** Whether the API reads If-Match into `expectedVersion` and answers ETag from the value's `version`. */
  versioned?: boolean;
  /** Paged lists: Link headers (first, prev, next, last) from the value's `page`, `size` and `total`. */
  paged?: boolean;
  // A method, so an operation of any input type fits the registry's list of operations.
  /** Query parameters to describe in OpenAPI when the input is a free-form record (a list's filters). */
  query?: readonly QueryParameter[];
  /** A valid JSON body, shown as the request example in OpenAPI (a create's comes from the resource's example). */
  example?: Record<string, unknown>;
  handler(input: output<I>, call: OperationCall): Promise<Outcome<O>>;
};

/** The actor an unauthenticated (or anonymous optional) operation's handler gets: nobody, holding nothing. */
export const NOBODY: Actor = Object.freeze({ id: "", permissions: new Set<string>() });

export function defineOperation<const I extends $ZodType, O>(operation: Operation<I, O>): Operation<I, O> {
  if (operation.authentication !== undefined && operation.permission !== null)
    throw new Error(`${operation.id}: an operation without a caller cannot require a permission.`);
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$/.test(operation.id))
    throw new Error(`Operation id "${operation.id}" must look like "projects.list".`);
  return operation;
}
