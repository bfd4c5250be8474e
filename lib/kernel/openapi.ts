import "server-only";
import { toJSONSchema, type $ZodType } from "zod/v4/core";
import { problemTitles } from "@/lib/http/problem";
import { refusalCodes, type RefusalCode } from "@/lib/outcome";
import { systemConfig } from "@/system.config";
import type { Operation } from "./operation";
import type { System } from "./registry";

// The OpenAPI 3.1 document of /api/v1, built from the same schemas the operations parse with, so the
// description cannot drift from what the server accepts. The router's answers (lib/kernel/rest.ts) are listed
// per operation with their stable problem codes; tests/helpers/openapi-validate.ts holds every tested response
// to this document, and `npm run api:lint` lints it.

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const jsonSchema = (schema: $ZodType, io: "input" | "output"): JsonSchema => {
  const out = toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete out.$schema; // the document declares its dialect once
  return out;
};

/** Field errors shown in the examples of the codes that carry them. */
const exampleErrors: { [C in RefusalCode]?: Record<string, string[]> } = {
  invalid_input: { name: ["Give the project a name."] },
  invalid_query: { page: ["Too small."] },
};

const statusDescriptions: Record<number, string> = {
  400: "The body is not a JSON object",
  409: "Conflicts with the current state",
  401: "No caller: no session, or a bearer token that is not valid",
  403: "Missing permission, or a cookie-authenticated change from another site",
  404: "No such record (or not yours)",
  412: "If-Match names another version: changed by someone else since",
  413: "Body over 64 KiB",
  415: "The body is not JSON",
  422: "Invalid input: `errors` names each field",
  429: "Too many requests: wait Retry-After seconds",
  500: "Something failed on the server: no details are given, quote `requestId`",
  503: "The database is unreachable, overloaded or too slow: retry after Retry-After seconds",
};

const problemHeaders: Record<number, Record<string, unknown>> = {
  401: { "WWW-Authenticate": { $ref: "#/components/headers/WWWAuthenticate" } },
  429: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
  503: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
};

/** A problem answer whose `code` is one of `codeNames` (none on 500): tests hold every answer to that list. */
function problemResponse(status: number, codeNames: readonly RefusalCode[]) {
  const listed = codeNames.length ? ` (code: ${codeNames.map((c) => `\`${c}\``).join(", ")})` : "";
  const examples = Object.fromEntries(
    codeNames.map((code) => {
      const errors = exampleErrors[code];
      const value = {
        type: "about:blank",
        title: problemTitles[status],
        status,
        code,
        detail: refusalCodes[code],
        ...(errors ? { errors } : {}),
      };
      return [code, { summary: code, value }];
    }),
  );
  const problem = { $ref: "#/components/schemas/Problem" };
  const schema = codeNames.length ? { ...problem, required: ["code"], properties: { code: { type: "string", enum: codeNames } } } : problem;
  return {
    description: `${statusDescriptions[status]}${listed}`,
    ...(problemHeaders[status] ? { headers: problemHeaders[status] } : {}),
    content: { "application/problem+json": { schema, ...(codeNames.length ? { examples } : {}) } },
  };
}

const pathNamesOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);

function describe(operation: Operation, idempotentIds: ReadonlySet<string>) {
  const pathNames = new Set(pathNamesOf(operation.path));
  // The router reads a body on every POST, PUT and PATCH, and a DELETE deleteWithBody (lib/kernel/rest.ts), so those can answer 400, 413 and 415.
  const readsBody = operation.method !== "GET" && (operation.method !== "DELETE" || operation.deleteWithBody === true);
  const input = jsonSchema(operation.input, "input");
  const fields = Object.entries(input.properties ?? {}).filter(([name]) => !pathNames.has(name));
  const required = (input.required ?? []).filter((name) => !pathNames.has(name));
  let requestBody: object | undefined;
  if (readsBody && !operation.query && fields.length) {
    const example = operation.example ? { examples: { example: { summary: "A valid body", value: operation.example } } } : {};
    requestBody = {
      required: true,
      content: { "application/json": { schema: { ...input, properties: Object.fromEntries(fields), required }, ...example } },
    };
  }
  // A GET or DELETE takes its input from the query string: the declared filters, else the input's fields.
  const query =
    operation.query ??
    (readsBody
      ? []
      : fields.map(([name, schema]) => ({
          name,
          description: undefined,
          schema: schema as Record<string, unknown>,
          required: required.includes(name),
        })));

  const status = operation.output === null ? (operation.query ? "200" : "204") : String(operation.successStatus ?? 200);
  const headers = {
    ...(operation.versioned && operation.output !== null ? { ETag: { $ref: "#/components/headers/ETag" } } : {}),
    ...(operation.paged ? { Link: { $ref: "#/components/headers/Link" } } : {}),
    ...(status === "201" ? { Location: { $ref: "#/components/headers/Location" } } : {}),
  };
  const success =
    operation.output === null
      ? operation.query
        ? { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }
        : { description: "Done: no content" }
      : {
          description: status === "201" ? "Created" : "OK",
          ...(Object.keys(headers).length ? { headers } : {}),
          content: { "application/json": { schema: jsonSchema(operation.output, "output") } },
        };

  // An optional caller's refused credentials count as none (lib/kernel/rest.ts): only a required one answers 401.
  const authenticated = operation.authentication === undefined;
  const idempotent = idempotentIds.has(operation.id);
  // The router's answers (lib/kernel/rest.ts), then the operation's own.
  const router: [number, (RefusalCode | false)[]][] = [
    [400, [readsBody && "bad_request", idempotent && "invalid_idempotency_key"]],
    [401, [authenticated && "unauthenticated", authenticated && "invalid_token"]],
    [
      403,
      [
        !!operation.permission && "forbidden",
        authenticated && operation.method !== "GET" && "cross_origin",
        // The bearer verifiers' (lib/api-auth/bearer.ts): a role now requires two-factor the owner has not set up.
        authenticated && "two_factor_required",
        authenticated && "two_factor_setup_required",
      ],
    ],
    [404, [pathNames.size > 0 && "not_found"]],
    [409, [idempotent && "idempotency_in_progress"]],
    [412, [!!operation.versioned && "version_conflict"]],
    [413, [readsBody && "body_too_large"]],
    [415, [readsBody && "unsupported_media_type"]],
    [422, ["invalid_input", !!operation.query && "invalid_query", idempotent && "idempotency_key_reused"]],
    [429, ["rate_limited"]],
  ];
  const errors = new Map<number, RefusalCode[]>();
  for (const [status, list] of router)
    errors.set(
      status,
      list.filter((code) => code !== false),
    );
  for (const [status, list] of Object.entries(operation.refusals ?? {}))
    errors.set(Number(status), [...new Set([...(errors.get(Number(status)) ?? []), ...list])]);
  return {
    operationId: operation.id,
    summary: operation.summary,
    tags: [...operation.tags],
    parameters: [
      ...[...pathNames].map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...query.map((q) => ({
        name: q.name,
        in: "query",
        required: "required" in q ? q.required : false,
        ...(q.description ? { description: q.description } : {}),
        schema: q.schema,
      })),
      ...(operation.versioned && operation.method !== "POST"
        ? [
            {
              name: "If-Match",
              in: "header",
              required: false,
              description: 'The version last read, as its ETag ("3"): 412 when the record changed since',
              schema: { type: "string" },
            },
          ]
        : []),
    ],
    ...(operation.authentication === "none" ? { security: [] } : {}),
    ...(operation.authentication === "optional" ? { security: [{ bearerAuth: [] }, { session: [] }, {}] } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [status]: success,
      ...Object.fromEntries(
        [...errors]
          .filter(([, list]) => list.length)
          .sort(([a], [b]) => a - b)
          .map(([code, list]) => [String(code), problemResponse(code, list)]),
      ),
      "500": problemResponse(500, []),
      // Every operation reads the database (its rate limit, at least): lib/http/route.ts answers this when it cannot.
      "503": problemResponse(503, ["database_unavailable"]),
    },
  };
}

const description = `The ${systemConfig.name} API: every operation the screens offer, as JSON over HTTPS.

**Authentication.** A bearer token (\`Authorization: Bearer <token>\`: a personal access token or a JWT from sign-in), or
the browser's session cookie. A request with a bearer token is judged by the token alone. A change (POST, PATCH,
DELETE) authenticated by the cookie must come from this site's own pages. Personal access tokens are managed (\`/me/tokens\`,
\`/tokens\`) with the cookie or an access JWT, never with a personal access token (403 \`token_session_required\`), so a
leaked token cannot mint successors. A program ends its session with \`POST /auth/logout\`: its refresh token in the body,
or its access JWT as the bearer.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with a stable \`code\`: branch on it, never on
the wording. Besides the answers listed per operation, a path with no endpoint answers 404 (\`no_endpoint\`) and a
method the path does not take answers 405 (\`method_not_allowed\`, with \`Allow\`). A CORS preflight (OPTIONS) on an
endpoint's path answers 204, with CORS headers for the origins this server allows.

**Versions.** A record's \`ETag\` is its version; send it back as \`If-Match\` on a change to refuse lost updates (412).

**Lists** are paged: \`page\` and \`size\` in the query, \`total\` and \`pages\` in the body, and a \`Link\` header to the
first, previous, next and last pages.`;

export function openApiDocument(system: System, operations: Iterable<Operation>) {
  const paths: Record<string, Record<string, unknown>> = {};
  const summaries = new Map<string, string[]>();
  // Record creates honour Idempotency-Key (lib/kernel/rest.ts), and so can answer its refusals.
  const idempotentIds = new Set(system.resources.map((resource) => `${resource.name}.create`));
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = describe(operation, idempotentIds);
    for (const tag of operation.tags) summaries.set(tag, [...(summaries.get(tag) ?? []), operation.summary]);
  }
  // Every tag an operation uses is declared: a resource's says what its endpoints do, any other lists them.
  const resourceTags = new Map(system.resources.map((r) => [r.label.plural, `${r.label.plural}: list, read, change, trash and export.`]));
  const tagDescription = (name: string) => resourceTags.get(name) ?? `${summaries.get(name)!.join(". ")}.`;
  return {
    openapi: "3.1.0",
    info: { title: `${systemConfig.name} API`, version: "1", description },
    servers: [{ url: "/api/v1", description: "This server" }],
    tags: [...summaries.keys()].map((name) => ({ name, description: tagDescription(name) })),
    paths,
    components: {
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details; `code` is stable, branch on it",
          properties: {
            type: { type: "string", description: '"about:blank": the status says it all' },
            title: { type: "string", description: "The status's name" },
            status: { type: "integer" },
            code: {
              type: "string",
              description: `Stable, lower_snake_case (absent only on 500):\n${Object.entries(refusalCodes)
                .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
                .join("\n")}`,
              enum: Object.keys(refusalCodes),
            },
            detail: { type: "string", description: "For people; may change" },
            errors: {
              type: "object",
              description: "Field path → messages, on 422",
              additionalProperties: { type: "array", items: { type: "string" } },
            },
            requestId: { type: "string", description: "Quote it when reporting a problem" },
          },
          required: ["type", "title", "status"],
          additionalProperties: false,
        },
      },
      headers: {
        ETag: { description: 'The record\'s version ("3"), to send back as If-Match', schema: { type: "string" } },
        Link: { description: "The first, previous, next and last pages (RFC 8288)", schema: { type: "string" } },
        Location: { description: "The new record's URL", schema: { type: "string" } },
        RetryAfter: { description: "Seconds to wait before trying again", schema: { type: "integer" } },
        WWWAuthenticate: { description: "The Bearer challenge", schema: { type: "string" } },
      },
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "session",
          description: "The browser's sign-in session (named __Host-session over HTTPS); changes must come from this site",
        },
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token or a JWT from sign-in" },
      },
    },
    // Either one: a bearer token, else the session cookie.
    security: [{ bearerAuth: [] }, { session: [] }],
  };
}
