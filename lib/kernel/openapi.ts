import "server-only";
import { toJSONSchema, type $ZodType } from "zod/v4/core";
import { systemConfig } from "@/system.config";
import type { Operation } from "./operation";
import type { System } from "./registry";

// The OpenAPI 3.1 document of /api/v1, built from the same schemas the operations parse with, so the
// description cannot drift from what the server accepts.

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const jsonSchema = (schema: $ZodType, io: "input" | "output"): JsonSchema => {
  const out = toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete out.$schema; // the document declares its dialect once
  return out;
};

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

function describe(operation: Operation) {
  const pathNames = new Set([...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!));
  const hasBody = (operation.method === "POST" || operation.method === "PATCH") && !operation.query;
  const input = jsonSchema(operation.input, "input");
  let requestBody: object | undefined;
  if (hasBody && input.properties) {
    const properties = Object.fromEntries(Object.entries(input.properties).filter(([name]) => !pathNames.has(name)));
    if (Object.keys(properties).length) {
      const required = (input.required ?? []).filter((name) => !pathNames.has(name));
      requestBody = { required: true, content: { "application/json": { schema: { ...input, properties, required } } } };
    }
  }
  const status = operation.output === null ? (operation.query ? "200" : "204") : String(operation.successStatus ?? 200);
  const headers = {
    ...(operation.versioned ? { ETag: { description: "The record's version, for If-Match", schema: { type: "string" } } } : {}),
    ...(operation.paged ? { Link: { description: "First, previous, next and last pages (RFC 8288)", schema: { type: "string" } } } : {}),
  };
  const success =
    operation.output === null
      ? operation.query
        ? { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }
        : { description: "Done", headers }
      : { description: "OK", headers, content: { "application/json": { schema: jsonSchema(operation.output, "output") } } };
  return {
    operationId: operation.id,
    summary: operation.summary,
    tags: [...operation.tags],
    parameters: [
      ...pathParameters(operation.path),
      ...(operation.query ?? []).map((q) => ({ name: q.name, in: "query", required: false, description: q.description, schema: q.schema })),
      ...(operation.versioned && operation.method !== "GET" && operation.method !== "POST"
        ? [
            {
              name: "If-Match",
              in: "header",
              required: false,
              description: 'The version last read ("3"): 412 when the record changed since',
              schema: { type: "string" },
            },
          ]
        : []),
    ],
    ...(operation.authentication === "none" ? { security: [] } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [status]: success,
      "401": problemResponse("Not signed in"),
      "403": problemResponse("Missing permission, or a cross-origin change"),
      ...(pathNames.size ? { "404": problemResponse("No such record (or not yours)") } : {}),
      ...(operation.versioned && operation.method !== "GET" ? { "412": problemResponse("Changed by someone else since (If-Match)") } : {}),
      ...(hasBody ? { "413": problemResponse("Body over 64 KiB"), "415": problemResponse("Not JSON") } : {}),
      "422": problemResponse("Invalid input: `errors` names each field"),
    },
  };
}

export function openApiDocument(system: System, operations: Iterable<Operation>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = describe(operation);
  }
  return {
    openapi: "3.1.0",
    info: { title: `${systemConfig.name} API`, version: "1" },
    servers: [{ url: "/api/v1" }],
    tags: system.resources.map((r) => ({ name: r.label.plural })),
    paths,
    components: {
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details; `code` is stable, branch on it",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
            requestId: { type: "string" },
          },
          required: ["type", "title", "status"],
        },
      },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "session" } },
    },
    security: [{ session: [] }],
  };
}
