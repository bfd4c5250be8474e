import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/kernel/openapi";
import { restHandler } from "@/lib/kernel/rest";
import { operationsOf } from "@/lib/kernel/operations-index";
import { system } from "@/modules";

// The OpenAPI document as the API's contract: every answer a test receives must be one the document lists for
// that operation (its status, media type and, for JSON, a body its schema accepts). An undocumented status or
// field fails the test that received it, so the document cannot fall behind the server.

type MediaType = { schema?: unknown };
type ResponseObject = { content?: Record<string, MediaType> };
type OperationObject = { operationId: string; responses: Record<string, ResponseObject> };

const document = openApiDocument(system, operationsOf(system).values()) as unknown as {
  paths: Record<string, Record<string, OperationObject>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// Added whole, so the response schemas' $refs (#/components/...) resolve; the document is not itself a schema.
ajv.addSchema(document, "openapi.json", undefined, false);
const validators = new Map<string, ValidateFunction>();

const pointer = (...segments: string[]) =>
  segments.map((s) => "/" + encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("");

function validatorAt(...segments: string[]): ValidateFunction {
  const ref = `openapi.json#${pointer(...segments)}`;
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
  return validate;
}

/** As the router matches (lib/kernel/rest.ts): the joined path split on "/", so a segment holding "/" or "" counts as it does there. */
function matches(template: string, path: string): number | null {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  let params = 0;
  for (let i = 0; i < want.length; i++) {
    if (/^\{\w+\}$/.test(want[i]!)) params++;
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The documented paths this request's path matches, the most specific first (a static segment wins, as in the router). */
function pathsFor(path: string): string[] {
  const found = Object.keys(document.paths).flatMap((template) => {
    const params = matches(template, path);
    return params === null ? [] : [{ template, params }];
  });
  const fewest = Math.min(...found.map((f) => f.params));
  return found.filter((f) => f.params === fewest).map((f) => f.template);
}

async function expectProblemBody(response: Response, why: string): Promise<void> {
  expectMediaType(response, "application/problem+json", why);
  const body: unknown = await response.clone().json();
  const validate = validatorAt("components", "schemas", "Problem");
  if (!validate(body)) throw new Error(`${why}: not a problem document: ${ajv.errorsText(validate.errors)}`);
}

function expectMediaType(response: Response, type: string, why: string): void {
  const got = response.headers.get("content-type")?.split(";")[0]?.trim();
  if (got !== type) throw new Error(`${why}: Content-Type ${got} where the document says ${type}`);
}

/**
 * Throws unless the document lists this answer: `segments` is the path under /api/v1, as the router sees it.
 * A path with no endpoint (404), a method it does not take (405) and a CORS preflight (OPTIONS, 204) are the
 * router's, described in info.description.
 */
async function expectDocumentedResponse(method: string, segments: readonly string[], response: Response): Promise<void> {
  const path = "/" + segments.join("/");
  if (method === "GET" && path === "/openapi.json") return; // the document itself
  const templates = pathsFor(path);
  if (method === "OPTIONS" && templates.length) {
    // The router's CORS preflight on any endpoint's path, described in info.description.
    if (response.status !== 204 || (await response.clone().text()) !== "")
      throw new Error(`OPTIONS ${path}: ${response.status}, where a preflight answers 204 with no body`);
    return;
  }
  const template = templates.find((t) => document.paths[t]![method.toLowerCase()]);
  if (!template) {
    const expected = templates.length ? 405 : 404;
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status}, where no operation answers ${expected}`);
    return expectProblemBody(response, `${method} ${path}`);
  }
  const operation = document.paths[template]![method.toLowerCase()]!;
  const status = String(response.status);
  const why = `${operation.operationId} answered ${status}`;
  const documented = operation.responses[status];
  if (!documented)
    throw new Error(
      `${why}, which the document does not list (${Object.keys(operation.responses).join(", ")}): ${await response.clone().text()}`,
    );
  const text = await response.clone().text();
  const types = Object.keys(documented.content ?? {});
  if (!types.length) {
    if (text !== "") throw new Error(`${why} with a body the document does not describe: ${text}`);
    return;
  }
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  if (!types.includes(type)) throw new Error(`${why} as ${type}, where the document says ${types.join(" or ")}`);
  if (!type.endsWith("json")) return;
  const validate = validatorAt("paths", template, method.toLowerCase(), "responses", status, "content", type, "schema");
  if (!validate(JSON.parse(text))) throw new Error(`${why} with a body its schema refuses: ${ajv.errorsText(validate.errors)}\n${text}`);
}

type RouteContext = { params: Promise<{ path?: string[] }> };

/**
 * The REST router as every test must call it: each answer is checked with expectDocumentedResponse before the
 * test sees it, so a test cannot forget to. tests/lint/documented-api.test.ts keeps tests from importing
 * restHandler elsewhere.
 */
export function documentedRestHandler(...args: Parameters<typeof restHandler>) {
  const handler = restHandler(...args);
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const segments = (await context.params).path ?? [];
    const response = await handler(request, { params: Promise.resolve({ path: segments }) });
    await expectDocumentedResponse(request.method, segments, response);
    return response;
  };
}
