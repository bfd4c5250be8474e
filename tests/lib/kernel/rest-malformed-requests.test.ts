import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor, type CurrentUser } from "@/lib/auth/current-user";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { openApiDocument } from "@/lib/kernel/openapi";
import { operationsOf } from "@/lib/kernel/operations-index";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// Every operation in the OpenAPI document, not only the records', fed malformed requests (wrong types, huge and
// unicode strings, bad JSON, wrong media types, overflowing numbers, unknown fields, junk headers) as a signed-in
// administrator and as nobody: never a 500, every 4xx is problem+json, and every answer is one the document lists
// (documentedRestHandler checks that). Fixed seeds keep a failure reproducible; a few dozen runs keep it quick.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const RUNS_PER_OPERATION = 24;
// Limits far above what the runs use: a 429 would only hide the rest of a run from the checks.
const handler = documentedRestHandler(system, {
  rateLimits: {
    byCaller: { name: "fuzz-api-caller", limit: 1_000_000, windowSeconds: 60 },
    byAddress: { name: "fuzz-api-ip", limit: 1_000_000, windowSeconds: 60 },
  },
});

type Parameter = { name: string; in: "path" | "query" | "header" };
type DocumentedOperation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
};
const document = openApiDocument(system, operationsOf(system).values()) as unknown as {
  paths: Record<string, Record<string, DocumentedOperation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);

// ---- what a hostile or careless client sends ----

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "-1",
  "0",
  "-9999999999999999999999",
  "99999999999999999999999999",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "true",
  "[]",
  "{}",
  "%",
  "%zz",
  "%00",
  "..",
  "../../etc/passwd",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "\u0000",
  "\u202e\u0301\ud83d\ude00",
  "\ufeff",
  "a".repeat(5_000),
  "é".repeat(70_000),
);
const junkString = fc.oneof(nastyStrings, fc.string({ unit: "binary", maxLength: 40 }), fc.integer().map(String), fc.double().map(String));
const junkNumber = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 0.5),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  junkNumber,
  fc.constantFrom(null, true, false),
  fc.array(fc.oneof(junkString, junkNumber), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(junkString, junkNumber), { maxKeys: 3 }),
);
/** A header can carry only Latin-1 without line breaks: what HTTP lets reach the server at all. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e\xa0-\xff]/g, "").slice(0, 8_000);
const junkHeader = junkString.map(headerSafe);
/** Now and then: most requests should get past the headers to reach the input checks. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/merge-patch+json",
      undefined,
    ),
  },
);
const rawBody = fc.oneof(
  fc.constantFrom("{", "not json", "[1,2,3]", "null", '"a string"', "42", '{"a":}', "\uffff", "{}".padEnd(70_000, " ")),
  fc.string({ unit: "binary", maxLength: 60 }),
);

function bodyFor(fields: string[]): fc.Arbitrary<string | undefined> {
  const known = fields.length
    ? fc.record(Object.fromEntries(fields.map((name) => [name, junkValue])), { requiredKeys: [] })
    : fc.constant({});
  const shaped = fc
    .tuple(known, fc.dictionary(fc.string({ unit: "binary", maxLength: 12 }), junkValue, { maxKeys: 3 }))
    .map(([fieldsPart, unknownPart]) => JSON.stringify({ ...unknownPart, ...fieldsPart }));
  return fc.oneof(shaped, shaped, rawBody, fc.constant(undefined));
}

type Attempt = {
  asAdmin: boolean;
  segments: string[];
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
};

function attemptsFor({ path, operation }: (typeof operations)[number]): fc.Arbitrary<Attempt> {
  const parameters = operation.parameters ?? [];
  const queryNames = parameters.filter((p) => p.in === "query").map((p) => p.name);
  const fields = Object.keys(operation.requestBody?.content["application/json"].schema.properties ?? {});
  const templateSegments = path.split("/").filter(Boolean);
  const segments = fc.tuple(
    ...templateSegments.map((segment) => (/^\{\w+\}$/.test(segment) ? junkString.filter((s) => !s.includes("/")) : fc.constant(segment))),
  );
  const queryKey = queryNames.length
    ? fc.oneof(fc.constantFrom(...queryNames), fc.string({ maxLength: 10 }))
    : fc.string({ maxLength: 10 });
  const headers = fc.record({
    "content-type": contentType,
    "if-match": rarely(junkHeader),
    "idempotency-key": rarely(junkHeader),
    authorization: rarely(
      fc.oneof(
        junkHeader,
        junkHeader.map((t) => `Bearer ${t}`),
        fc.constantFrom("Bearer", "Basic YTpi", "Bearer a.b.c"),
      ),
    ),
  });
  return fc.record({
    asAdmin: fc.boolean(),
    segments,
    query: fc.dictionary(queryKey, junkString, { maxKeys: 4 }),
    headers: headers.map((h) => Object.fromEntries(Object.entries(h).filter((entry): entry is [string, string] => entry[1] !== undefined))),
    body: bodyFor(fields),
  });
}

let admin: CurrentUser;

async function send(method: string, attempt: Attempt): Promise<Response> {
  session.user = attempt.asAdmin ? admin : null;
  const url = new URL(`http://localhost/api/v1/${attempt.segments.map(encodeURIComponent).join("/")}`);
  for (const [key, value] of Object.entries(attempt.query)) url.searchParams.append(key, value);
  const carriesBody = method !== "GET" && method !== "DELETE" && attempt.body !== undefined;
  const request = new Request(url, {
    method,
    headers: { host: "localhost", origin: "http://localhost", "sec-fetch-site": "same-origin", ...attempt.headers },
    body: carriesBody ? attempt.body : undefined,
  });
  // Next hands the route its catch-all segments decoded, as here.
  return handler(request, { params: Promise.resolve({ path: attempt.segments }) });
}

describe("every API operation under malformed requests", () => {
  useTestDatabase();
  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    const user = await db.user.create({
      data: {
        email: `${unique("fuzz-admin")}@example.com`,
        firstName: "Fuzz",
        lastName: "Admin",
        emailVerified: new Date(),
        twoFactorEnabledAt: new Date(),
        roles: { create: { role: { connect: { name: "admin" } } } },
      },
    });
    const context = { ipAddress: "198.51.100.9", userAgent: "fuzz", requestId: null };
    const sessionId = (await findActiveSession(await createSession(user.id, { rememberMe: false, context })))!.id;
    admin = (await loadActor(user.id, sessionId))!.user;
  });

  it("covers every operation the document lists", () => {
    expect(operations.length).toBe(operationsOf(system).size);
  });

  it.each(operations.map((entry, index) => [entry.operation.operationId, entry, index] as const))(
    "%s: never a 500, a problem+json for every 4xx, only documented answers",
    async (_id, entry, index) => {
      await fc.assert(
        fc.asyncProperty(attemptsFor(entry), async (attempt) => {
          const response = await send(entry.method, attempt);
          expect(response.status, await response.clone().text()).toBeLessThan(500);
          if (response.status >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
        }),
        { seed: 20261127 + index, numRuns: RUNS_PER_OPERATION },
      );
    },
  );
});
