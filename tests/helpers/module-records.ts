import { beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { ForbiddenError, type Actor } from "@/lib/authz";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import type { Operation } from "@/lib/kernel/operation";
import { operationsOf } from "@/lib/kernel/operations-index";
import type { Resource } from "@/lib/kernel/resource";
import { createRecord, deleteRecord, getRecord, listRecords, purgeRecord, restoreRecord, updateRecord } from "@/lib/kernel/records/access";
import { delegate } from "@/lib/kernel/records/delegate";
import { exportRecordsCsv } from "@/lib/kernel/records/export";
import { parseListQuery, SYSTEM_SORTS, type ListQuery } from "@/lib/kernel/records/list-query";
import { ownerScope } from "@/lib/kernel/records/scope";
import type { RecordJson } from "@/lib/kernel/records/serialise";
import type { Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { system } from "@/modules";
import { unique, useTestDatabase } from "./database";
import { documentedRestHandler } from "./openapi-validate";

// The generic record tests: everything a resource gets from its declaration (data access, owner rules, REST,
// audit, versions, the trash) is proved for every registered resource from the declaration alone, so a new
// module is covered without writing tests. tests/modules/records.test.ts runs it for each resource; a module's
// generated tests/modules/<name>.test.ts calls describeResourceRecords("<name>").
//
// Each test makes its own users, so the suite runs on a shared PostgreSQL database next to other test files:
// every count and list is scoped to people nobody else uses.

// The REST router asks currentSession() who is calling; here each request names its actor.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

type TestActor = CurrentUser;
const context: RequestContext = { ipAddress: null, userAgent: "module-records test", requestId: null };
const FUZZ_RUNS = 60;

function resourceNamed(name: string): Resource {
  const resource = system.resources.find((r) => r.name === name);
  if (!resource) throw new Error(`No resource "${name}" in the registry (modules/index.ts).`);
  return resource;
}

/** Every permission of every resource except the read-everything ones: owner rules are then the only barrier. */
function writerPermissions(): string[] {
  const all = system.resources.flatMap((r) => Object.entries(r.permissions).flatMap(([kind, key]) => (kind === "readAll" ? [] : [key])));
  return [...new Set(all)];
}

async function newActor(label: string, permissions: Iterable<string> = writerPermissions()): Promise<TestActor> {
  const user = await db.user.create({ data: { email: `${unique(label)}@example.com`, firstName: label, lastName: "Tester" } });
  return { ...user, sessionId: "test", roles: [], permissions: new Set(permissions), twoFactorEnabled: false };
}

/** The same person holding other permissions. */
const withPermissions = (actor: TestActor, permissions: Iterable<string>): TestActor => ({ ...actor, permissions: new Set(permissions) });

function exampleOf(resource: Resource, refs: { parentId?: string; userId: string }): Record<string, unknown> {
  if (!resource.example) throw new Error(`Resource "${resource.name}" declares no example (a valid create input) for the generic tests.`);
  return { ...resource.example(refs), [resource.titleField]: unique(resource.name) };
}

async function parentFor(resource: Resource, actor: TestActor): Promise<string | undefined> {
  return resource.ownership.kind === "parent" ? (await make(resource.ownership.parent(), actor)).id : undefined;
}

/** A record owned by `actor` (through a new parent it owns, for a child resource), from the declared example. */
async function make(resource: Resource, actor: TestActor, parentId?: string): Promise<RecordJson> {
  const parent = parentId ?? (await parentFor(resource, actor));
  const outcome = await createRecord(
    resource,
    withPermissions(actor, writerPermissions()),
    exampleOf(resource, { parentId: parent, userId: actor.id }),
    context,
  );
  if (!outcome.ok) throw new Error(`The example of "${resource.name}" does not create: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

async function makeDeleted(resource: Resource, actor: TestActor): Promise<RecordJson> {
  const record = await make(resource, actor);
  const deleted = await deleteRecord(resource, withPermissions(actor, writerPermissions()), record.id, context);
  expect(deleted.ok).toBe(true);
  return record;
}

function query(resource: Resource, raw: Record<string, string> = {}): ListQuery {
  const parsed = parseListQuery(resource, raw);
  if (!parsed.ok) throw new Error(`Query ${JSON.stringify(raw)} is refused: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.query;
}

/** The row as stored, whoever owns it and deleted or not. */
const stored = (resource: Resource, id: string) => delegate(db, resource).findFirst({ where: { id } });
/** How many records the actor owns (live or deleted): what a refused write must leave unchanged. */
const ownedCount = (resource: Resource, actor: Actor) => delegate(db, resource).count({ where: ownerScope(resource, actor) });

async function csvOf(resource: Resource, actor: Actor, raw: Record<string, string> = {}): Promise<string> {
  return new Response(await exportRecordsCsv(resource, actor, query(resource, raw), context)).text();
}

const deniedCount = (actor: Actor) => db.auditLog.count({ where: { action: "authz.denied", actorId: actor.id } });

// ---- REST ----

const handler = documentedRestHandler(system);

type CallOptions = { body?: unknown; raw?: string; headers?: Record<string, string>; search?: string; segments?: string[] };

/**
 * A request to /api/v1 as `actor` (null: signed out), from this site's own pages unless headers say otherwise.
 * Every answer must be one the OpenAPI document lists (tests/helpers/openapi-validate.ts).
 */
async function call(actor: TestActor | null, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  session.user = actor;
  const headers = {
    origin: "http://localhost",
    host: "localhost",
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
    ...options.headers,
  };
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://localhost/api/v1${path}${options.search ?? ""}`, { method, headers, body });
  // Next hands the route its catch-all segments decoded.
  const segments = options.segments ?? path.split("/").filter(Boolean).map(decodeURIComponent);
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

/** Every error is problem+json with a stable code. */
async function expectProblem(response: Response, status: number): Promise<{ code: string; errors?: Record<string, string[]> }> {
  const body = (await response.json()) as { code?: unknown; status?: unknown; errors?: Record<string, string[]> };
  expect({ status: response.status, body }).toMatchObject({ status, body: { status } });
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(typeof body.code).toBe("string");
  return body as { code: string; errors?: Record<string, string[]> };
}

async function expectNoServerError(response: Response): Promise<void> {
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  if (response.status >= 400) await expectProblem(response, response.status);
}

const pathOf = (operation: Operation, id: string) => operation.path.replace(/\{\w+\}/g, encodeURIComponent(id));
const verbOf = (operation: Operation) => operation.id.slice(operation.id.indexOf(".") + 1);

// ---- the suite ----

export function describeResourceRecords(resourceName: string): void {
  describe(`records of "${resourceName}" (generic, from its declaration)`, () => {
    useTestDatabase();
    const resource = resourceNamed(resourceName);
    const base = `/${resource.name}`;
    const all = writerPermissions();
    const operations = () => [...operationsOf(system).values()].filter((op) => op.id.startsWith(`${resource.name}.`));
    const titleEdit = () => ({ [resource.titleField]: unique("edited") });
    const parentField = resource.ownership.kind === "parent" ? resource.ownership.field : null;

    let users: { alice: TestActor; bob: TestActor };
    beforeAll(async () => {
      users = { alice: await newActor("alice"), bob: await newActor("bob") };
    });

    it("declares an example that creates a valid record", async () => {
      const record = await make(resource, users.alice);
      expect(record.version).toBe(1);
      expect((await getRecord(resource, users.alice, record.id, context)).ok).toBe(true);
    });

    describe("permissions", () => {
      /** The data-access call behind each record operation, on a record of the actor's own. */
      const access: Record<string, (actor: TestActor, id: string, parentId?: string) => Promise<unknown>> = {
        list: (actor) => listRecords(resource, actor, query(resource), context),
        get: (actor, id) => getRecord(resource, actor, id, context),
        create: (actor, _id, parentId) => createRecord(resource, actor, exampleOf(resource, { parentId, userId: actor.id }), context),
        update: (actor, id) => updateRecord(resource, actor, id, titleEdit(), context),
        delete: (actor, id) => deleteRecord(resource, actor, id, context),
        restore: (actor, id) => restoreRecord(resource, actor, id, context),
        purge: (actor, id) => purgeRecord(resource, actor, id, context),
        export: (actor) => csvOf(resource, actor),
      };

      it("refuses every operation without its permission (403, audited) and allows it with (REST)", async () => {
        for (const operation of operations()) {
          const owner = await newActor("matrix");
          const record = verbOf(operation) === "restore" ? await makeDeleted(resource, owner) : await make(resource, owner);
          const parentId = parentField ? String(record[parentField]) : undefined;
          const body =
            operation.method === "POST" && verbOf(operation) === "create"
              ? exampleOf(resource, { parentId, userId: owner.id })
              : operation.method === "PATCH"
                ? titleEdit()
                : undefined;
          const without = withPermissions(
            owner,
            all.filter((p) => p !== operation.permission),
          );
          const before = await deniedCount(owner);
          const refused = await call(without, operation.method, pathOf(operation, record.id), { body });
          expect((await expectProblem(refused, 403)).code, operation.id).toBe("forbidden");
          expect(await deniedCount(owner), `${operation.id} audits the refusal`).toBeGreaterThan(before);
          const allowed = await call(owner, operation.method, pathOf(operation, record.id), { body });
          expect(allowed.status, `${operation.id} with ${operation.permission}: ${await allowed.clone().text()}`).toBeLessThan(300);
        }
      });

      it("refuses every data-access function without its permission (ForbiddenError, audited)", async () => {
        for (const operation of operations()) {
          const run = access[verbOf(operation)];
          if (!run) continue; // a module's own operation: covered through REST above
          const owner = await newActor("matrix");
          const record = verbOf(operation) === "restore" ? await makeDeleted(resource, owner) : await make(resource, owner);
          const parentId = parentField ? String(record[parentField]) : undefined;
          const before = await deniedCount(owner);
          const without = withPermissions(
            owner,
            all.filter((p) => p !== operation.permission),
          );
          await expect(run(without, record.id, parentId), operation.id).rejects.toBeInstanceOf(ForbiddenError);
          expect(await deniedCount(owner)).toBeGreaterThan(before);
          const outcome = (await run(owner, record.id, parentId)) as Outcome<unknown> | string;
          if (typeof outcome !== "string") expect(outcome, operation.id).toMatchObject({ ok: true });
        }
      });

      // Only resources that declare readAll have this rule to prove.
      if (resource.permissions.readAll)
        it("lets readAll read everyone's records but never change them (404)", async () => {
          const owner = await newActor("owner");
          const reader = await newActor("reader", [...all, resource.permissions.readAll!]);
          const record = await make(resource, owner);
          const gone = await makeDeleted(resource, owner);
          expect(await getRecord(resource, reader, record.id, context)).toMatchObject({ ok: true, value: { id: record.id } });
          const page = await listRecords(resource, reader, query(resource, { q: String(record[resource.titleField]) }), context);
          expect(page.ok && page.value.items.map((item) => item.id)).toEqual([record.id]);
          expect(await csvOf(resource, reader, { q: String(record[resource.titleField]) })).toContain(record.id);
          expect((await call(reader, "GET", `${base}/${record.id}`)).status).toBe(200);

          expect(await updateRecord(resource, reader, record.id, titleEdit(), context)).toMatchObject({ ok: false, status: 404 });
          expect(await deleteRecord(resource, reader, record.id, context)).toMatchObject({ ok: false, status: 404 });
          expect(await restoreRecord(resource, reader, gone.id, context)).toMatchObject({ ok: false, status: 404 });
          expect(await purgeRecord(resource, reader, record.id, context)).toMatchObject({ ok: false, status: 404 });
          await expectProblem(await call(reader, "PATCH", `${base}/${record.id}`, { body: titleEdit() }), 404);
          await expectProblem(await call(reader, "DELETE", `${base}/${record.id}`), 404);
          await expectProblem(await call(reader, "POST", `${base}/${gone.id}/restore`), 404);
          await expectProblem(await call(reader, "POST", `${base}/${record.id}/purge`), 404);
          expect(await stored(resource, record.id)).toMatchObject({ version: 1, deletedAt: null });
        });
    });

    describe("another person's records", () => {
      it("are 404 on every path, data access and REST, and stay untouched", async () => {
        const { alice, bob } = { alice: await newActor("alice"), bob: await newActor("bob") };
        const record = await make(resource, alice);
        const gone = await makeDeleted(resource, alice);
        for (const outcome of [
          await getRecord(resource, bob, record.id, context),
          await getRecord(resource, bob, gone.id, context),
          await updateRecord(resource, bob, record.id, titleEdit(), context),
          await updateRecord(resource, bob, record.id, titleEdit(), context, 1),
          await deleteRecord(resource, bob, record.id, context),
          await restoreRecord(resource, bob, gone.id, context),
          await purgeRecord(resource, bob, record.id, context),
          await purgeRecord(resource, bob, gone.id, context),
        ])
          expect(outcome).toMatchObject({ ok: false, status: 404, code: "not_found" });
        for (const response of [
          await call(bob, "GET", `${base}/${record.id}`),
          await call(bob, "PATCH", `${base}/${record.id}`, { body: titleEdit() }),
          await call(bob, "PATCH", `${base}/${record.id}`, { body: titleEdit(), headers: { "if-match": '"1"' } }),
          await call(bob, "DELETE", `${base}/${record.id}`),
          await call(bob, "POST", `${base}/${gone.id}/restore`),
          await call(bob, "POST", `${base}/${record.id}/purge`),
          await call(bob, "POST", `${base}/${gone.id}/purge`),
        ])
          expect((await expectProblem(response, 404)).code).toBe("not_found");
        expect(await stored(resource, record.id)).toMatchObject({ version: 1, deletedAt: null });
        expect(await stored(resource, gone.id)).toMatchObject({ version: 2 });
      });

      it("never appear in lists, counts, search, filters, sorts, the trash or the CSV export", async () => {
        const { alice, bob } = { alice: await newActor("alice"), bob: await newActor("bob") };
        const theirs = await make(resource, alice);
        const theirGone = await makeDeleted(resource, alice);
        const mine = await make(resource, bob);
        const mineGone = await makeDeleted(resource, bob);
        const theirIds = [theirs.id, theirGone.id];

        const queries: Record<string, string>[] = [{}, { q: String(theirs[resource.titleField]) }, { deleted: "only" }];
        const sortable = [...SYSTEM_SORTS, ...Object.entries(resource.fields).flatMap(([name, spec]) => (spec.sort ? [name] : []))];
        for (const sort of sortable) for (const dir of ["asc", "desc"]) queries.push({ sort, dir });
        for (const [name, spec] of Object.entries(resource.fields)) {
          const value = theirs[name];
          if (value === null || value === undefined) continue;
          for (const operator of spec.filter ?? []) {
            if (operator === "eq" || operator === "in") queries.push({ [name]: String(value) });
            if (operator === "range") queries.push({ [`${name}.from`]: String(value), [`${name}.to`]: String(value) });
            if (operator === "contains") queries.push({ [`${name}.contains`]: String(value) });
          }
        }
        for (const raw of queries) {
          const page = await listRecords(resource, bob, query(resource, raw), context);
          if (!page.ok) throw new Error(JSON.stringify(page));
          const ids = page.value.items.map((item) => item.id);
          for (const id of theirIds) expect(ids, JSON.stringify(raw)).not.toContain(id);
          expect(page.value.total, JSON.stringify(raw)).toBe(ids.length);
          expect(page.value.total).toBeLessThanOrEqual(1);
          const csv = await csvOf(resource, bob, raw);
          for (const id of theirIds) expect(csv, JSON.stringify(raw)).not.toContain(id);
          const response = await call(bob, "GET", base, { search: `?${new URLSearchParams(raw)}` });
          const body = (await response.json()) as { items: RecordJson[]; total: number };
          expect(body.items.map((item) => item.id)).toEqual(ids);
          const exported = await (await call(bob, "POST", `${base}/export`, { search: `?${new URLSearchParams(raw)}` })).text();
          for (const id of theirIds) expect(exported).not.toContain(id);
        }
        // Bob's own records are there, so an empty answer cannot pass for isolation.
        expect(await csvOf(resource, bob)).toContain(mine.id);
        const trash = await listRecords(resource, bob, query(resource, { deleted: "only" }), context);
        expect(trash.ok && trash.value.items.map((item) => item.id)).toEqual([mineGone.id]);
      });

      // Only child resources have a parent to refuse.
      if (parentField)
        it("cannot be the parent of a new or moved child (422 on the parent field, no row)", async () => {
          const { alice, bob } = { alice: await newActor("alice"), bob: await newActor("bob") };
          const theirParent = (await parentFor(resource, alice))!;
          const mine = await make(resource, bob);
          const input = exampleOf(resource, { parentId: theirParent, userId: bob.id });
          const before = await ownedCount(resource, alice);
          const created = await createRecord(resource, bob, input, context);
          expect(created).toMatchObject({ ok: false, status: 422, fieldErrors: { [parentField!]: expect.any(Array) } });
          const posted = await expectProblem(await call(bob, "POST", base, { body: input }), 422);
          expect(posted.errors?.[parentField!]).toBeDefined();
          const moved = await updateRecord(resource, bob, mine.id, { [parentField!]: theirParent }, context);
          expect(moved).toMatchObject({ ok: false, status: 422, fieldErrors: { [parentField!]: expect.any(Array) } });
          await expectProblem(await call(bob, "PATCH", `${base}/${mine.id}`, { body: { [parentField!]: theirParent } }), 422);
          expect(await ownedCount(resource, alice)).toBe(before);
          expect(await stored(resource, mine.id)).toMatchObject({ version: 1, [parentField!]: mine[parentField!] });
        });
    });

    describe("bad input is a 4xx that changes nothing, never a 500 (property-based)", () => {
      let owner: TestActor;
      let other: TestActor;
      let values: fc.Arbitrary<unknown>;
      let keys: fc.Arbitrary<string>;
      let ownParent: string | undefined;

      beforeAll(async () => {
        owner = await newActor("fuzz");
        other = await newActor("fuzz-other");
        ownParent = await parentFor(resource, owner);
        const otherParent = await parentFor(resource, other);
        const ids = [owner.id, other.id, ...(ownParent ? [ownParent] : []), ...(otherParent ? [otherParent] : [])];
        const strings = fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.string({ unit: "binary", maxLength: 20 }),
          fc.constantFrom(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "%",
            "'; select 1; --",
            "2030-02-30",
            "9999-12-31",
            "__proto__",
            "x".repeat(70_000),
          ),
          fc.constantFrom(...ids),
        );
        values = fc.oneof(
          strings,
          fc.integer(),
          fc.double(),
          fc.constantFrom(null, true, false, [], {}, 2 ** 31, -1, Number.MAX_SAFE_INTEGER),
          fc.jsonValue({ maxDepth: 2 }),
          fc.constantFrom(...Object.values(exampleOf(resource, { parentId: ownParent, userId: owner.id }))),
        );
        const declared = [...new Set([...Object.keys(resource.createSchema.shape), ...Object.keys(resource.updateSchema.shape)])];
        keys = fc.constantFrom(
          ...declared,
          ...["__proto__", "constructor", "prototype", "toString", "id", "version", "ownerId", "deletedAt", "createdAt", "unknown"],
        );
      });

      /** Mostly the valid example with a few fields spoilt, so the input reaches past the schema to the database. */
      const inputs = () =>
        fc.oneof(
          fc
            .tuple(fc.boolean(), fc.dictionary(keys, values, { maxKeys: 4 }))
            .map(([fromExample, spoilt]) =>
              fromExample ? { ...exampleOf(resource, { parentId: ownParent, userId: owner.id }), ...spoilt } : spoilt,
            ),
          fc.jsonValue({ maxDepth: 2 }),
        );

      it("createRecord and updateRecord", async () => {
        const record = await make(resource, owner, ownParent);
        await fc.assert(
          fc.asyncProperty(inputs(), async (input) => {
            const before = await ownedCount(resource, owner);
            const created = await createRecord(resource, owner, input, context);
            if (created.ok) {
              expect(await ownedCount(resource, owner)).toBe(before + 1);
              // Unknown keys never set the bookkeeping or the owner.
              expect(created.value.version).toBe(1);
              expect(created.value.deletedAt).toBeNull();
              expect((await getRecord(resource, owner, created.value.id, context)).ok).toBe(true);
            } else {
              expect(created.status).toBeGreaterThanOrEqual(400);
              expect(created.status).toBeLessThan(500);
              expect(await ownedCount(resource, owner)).toBe(before);
            }
            const current = (await stored(resource, record.id))!;
            const updated = await updateRecord(resource, owner, record.id, input, context);
            const after = (await stored(resource, record.id))!;
            if (updated.ok) expect((await getRecord(resource, owner, record.id, context)).ok).toBe(true);
            else {
              expect(updated.status).toBeGreaterThanOrEqual(400);
              expect(updated.status).toBeLessThan(500);
              expect(after).toEqual(current);
            }
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { numRuns: FUZZ_RUNS },
        );
      });

      it("every declared field, one awkward value at a time (the cases random runs may miss)", async () => {
        const record = await make(resource, owner, ownParent);
        const awkward = ["", "\u0000", "a\u0000b", "\ud800", "x".repeat(70_000), null, 2 ** 31, -1, 1.5, [], {}, true, "__proto__"];
        const fields = Object.keys({ ...resource.createSchema.shape, ...resource.updateSchema.shape });
        for (const field of fields)
          for (const value of awkward) {
            const input = { ...exampleOf(resource, { parentId: ownParent, userId: owner.id }), [field]: value };
            const before = await ownedCount(resource, owner);
            const created = await createRecord(resource, owner, input, context);
            if (!created.ok) expect(await ownedCount(resource, owner), `${field}: ${JSON.stringify(value)}`).toBe(before);
            const current = (await stored(resource, record.id))!;
            const updated = await updateRecord(resource, owner, record.id, { [field]: value }, context);
            if (!updated.ok) expect(await stored(resource, record.id)).toEqual(current);
            await expectNoServerError(await call(owner, "POST", base, { body: input }));
            await expectNoServerError(await call(owner, "PATCH", `${base}/${record.id}`, { body: { [field]: value } }));
          }
        for (const value of ["\u0000", "a\u0000b", "\ud800"]) {
          await expectNoServerError(await call(owner, "GET", base, { search: `?${new URLSearchParams({ q: value })}` }));
          for (const [name, spec] of Object.entries(resource.fields))
            if (spec.filter?.includes("contains"))
              await expectNoServerError(
                await call(owner, "GET", base, { search: `?${new URLSearchParams({ [`${name}.contains`]: value })}` }),
              );
        }
        for (const segment of ["%", "%E0%A4%A", "%zz", "\u0000", "a/b", "..", ""])
          for (const method of ["GET", "PATCH", "DELETE"])
            await expectNoServerError(
              await call(owner, method, `${base}/x`, { segments: [resource.name, segment], body: method === "PATCH" ? {} : undefined }),
            );
      });

      it("REST bodies: POST and PATCH", async () => {
        const record = await make(resource, owner, ownParent);
        const bodies = fc.oneof(
          inputs().map((input) => JSON.stringify(input)),
          fc.string({ maxLength: 30 }),
          fc.constantFrom("", "{", "null", "[]", '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
        );
        const ifMatch = fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"1"', 'W/"1"', '"999999999"', '"-1"')), {
          nil: undefined,
        });
        await fc.assert(
          fc.asyncProperty(bodies, ifMatch, async (raw, version) => {
            const before = await ownedCount(resource, owner);
            const created = await call(owner, "POST", base, { raw });
            await expectNoServerError(created);
            if (created.status >= 400) expect(await ownedCount(resource, owner)).toBe(before);
            const current = (await stored(resource, record.id))!;
            const patched = await call(owner, "PATCH", `${base}/${record.id}`, { raw, headers: version ? { "if-match": version } : {} });
            await expectNoServerError(patched);
            if (patched.status >= 400) expect(await stored(resource, record.id)).toEqual(current);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { numRuns: FUZZ_RUNS },
        );
      });

      it("REST list and export query strings, and path segments", async () => {
        const queryKeys = ["page", "size", "sort", "dir", "q", "deleted", "__proto__", "constructor", "toString", "hasOwnProperty"];
        for (const name of Object.keys(resource.fields)) queryKeys.push(name, `${name}.from`, `${name}.to`, `${name}.contains`);
        const queryValues = fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.string({ unit: "binary", maxLength: 12 }),
          fc.constantFrom("", "0", "-1", "1e9", "NaN", "10", "only", "asc", "\u0000", "a,b,c", ",".repeat(30), "x".repeat(500)),
          fc.constantFrom(...Object.values(exampleOf(resource, { parentId: ownParent, userId: owner.id })).map(String)),
        );
        const queries = fc.dictionary(fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 })), queryValues, { maxKeys: 5 });
        await fc.assert(
          fc.asyncProperty(queries, fc.string({ unit: "binary", maxLength: 12 }), async (raw, segment) => {
            const search = `?${new URLSearchParams(raw)}`;
            const listed = await call(owner, "GET", base, { search });
            await expectNoServerError(listed);
            await expectNoServerError(await call(owner, "POST", `${base}/export`, { search }));
            await expectNoServerError(await call(owner, "GET", `${base}/x`, { segments: [resource.name, segment] }));
            await expectNoServerError(await call(owner, "DELETE", `${base}/x`, { segments: [resource.name, segment] }));
          }),
          { numRuns: FUZZ_RUNS },
        );
      });
    });

    describe("lost updates", () => {
      it("refuses a stale expectedVersion with 412 version_conflict and writes nothing", async () => {
        const record = await make(resource, users.alice);
        expect((await updateRecord(resource, users.alice, record.id, titleEdit(), context, 1)).ok).toBe(true);
        const current = await stored(resource, record.id);
        const stale = await updateRecord(resource, users.alice, record.id, titleEdit(), context, 1);
        expect(stale).toMatchObject({ ok: false, status: 412, code: "version_conflict" });
        expect(await deleteRecord(resource, users.alice, record.id, context, 1)).toMatchObject({ status: 412, code: "version_conflict" });
        expect(await stored(resource, record.id)).toEqual(current);
      });

      it("refuses a stale If-Match on REST PATCH and DELETE with 412", async () => {
        const record = await make(resource, users.alice);
        const fresh = await call(users.alice, "PATCH", `${base}/${record.id}`, { body: titleEdit(), headers: { "if-match": '"1"' } });
        expect(fresh.status).toBe(200);
        expect(fresh.headers.get("etag")).toBe('"2"');
        const current = await stored(resource, record.id);
        for (const ifMatch of ['"1"', 'W/"1"', "garbage", '"3"']) {
          const stale = await call(users.alice, "PATCH", `${base}/${record.id}`, { body: titleEdit(), headers: { "if-match": ifMatch } });
          expect((await expectProblem(stale, 412)).code).toBe("version_conflict");
          const deleted = await call(users.alice, "DELETE", `${base}/${record.id}`, { headers: { "if-match": ifMatch } });
          expect((await expectProblem(deleted, 412)).code).toBe("version_conflict");
        }
        expect(await stored(resource, record.id)).toEqual(current);
      });

      it("lets exactly one of two concurrent updates from the same version win", async () => {
        const record = await make(resource, users.alice);
        const edits = [titleEdit(), titleEdit()];
        const outcomes = await Promise.all(edits.map((edit) => updateRecord(resource, users.alice, record.id, edit, context, 1)));
        expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
        expect(outcomes.filter((o) => !o.ok)).toMatchObject([{ status: 412, code: "version_conflict" }]);
        const winner = edits[outcomes.findIndex((o) => o.ok)]!;
        expect(await stored(resource, record.id)).toMatchObject({ version: 2, ...winner });
      });
    });

    describe("soft delete, restore and purge", () => {
      it("takes a deleted record out of get and lists, shows it in the trash, and restores it", async () => {
        const actor = await newActor("trash");
        const record = await make(resource, actor);
        const ids = async (raw: Record<string, string> = {}) => {
          const page = await listRecords(resource, actor, query(resource, raw), context);
          return page.ok ? page.value.items.map((item) => item.id) : [];
        };
        expect(await ids()).toEqual([record.id]);
        expect((await call(actor, "DELETE", `${base}/${record.id}`)).status).toBe(204);
        expect(await getRecord(resource, actor, record.id, context)).toMatchObject({ ok: false, status: 404 });
        await expectProblem(await call(actor, "GET", `${base}/${record.id}`), 404);
        expect(await ids()).toEqual([]);
        expect(await ids({ deleted: "only" })).toEqual([record.id]);
        expect(await deleteRecord(resource, actor, record.id, context)).toMatchObject({ ok: false, status: 404 });

        const restored = await call(actor, "POST", `${base}/${record.id}/restore`);
        expect(restored.status).toBe(200);
        expect(await restored.json()).toMatchObject({ id: record.id, version: 3, deletedAt: null });
        expect(await ids()).toEqual([record.id]);
        expect(await ids({ deleted: "only" })).toEqual([]);
        expect(await restoreRecord(resource, actor, record.id, context)).toMatchObject({ ok: false, status: 404 });
      });

      it("restores under the restore permission alone (read is not needed too)", async () => {
        const actor = await newActor("restorer");
        const record = await make(resource, actor);
        expect((await deleteRecord(resource, actor, record.id, context)).ok).toBe(true);
        const restoreOnly = withPermissions(actor, [resource.permissions.restore]);
        expect(await restoreRecord(resource, restoreOnly, record.id, context)).toMatchObject({
          ok: true,
          value: { id: record.id, deletedAt: null },
        });
      });

      it("purges for good, live or deleted, under the purge permission", async () => {
        const actor = await newActor("purge");
        const live = await make(resource, actor);
        const gone = await makeDeleted(resource, actor);
        expect(await purgeRecord(resource, actor, live.id, context)).toMatchObject({ ok: true });
        expect((await call(actor, "POST", `${base}/${gone.id}/purge`)).status).toBe(204);
        expect(await stored(resource, live.id)).toBeNull();
        expect(await stored(resource, gone.id)).toBeNull();
        const trash = await listRecords(resource, actor, query(resource, { deleted: "only" }), context);
        expect(trash.ok && trash.value.total).toBe(0);
        expect(await purgeRecord(resource, actor, live.id, context)).toMatchObject({ ok: false, status: 404 });
      });
    });

    describe("audit", () => {
      const entries = (actor: Actor, action: string) =>
        db.auditLog.findMany({ where: { actorId: actor.id, action }, orderBy: { createdAt: "asc" } });

      it("records create, update (changed fields only), delete, restore, purge and export with actor and target", async () => {
        const actor = await newActor("audited");
        const record = await make(resource, actor);
        const target = { targetType: resource.model, targetId: record.id, actorId: actor.id };
        const [created] = await entries(actor, resource.audit.create);
        expect(created).toMatchObject(target);
        expect(created!.details).toMatchObject({ after: { [resource.titleField]: record[resource.titleField] } });

        const edit = titleEdit();
        expect((await updateRecord(resource, actor, record.id, edit, context)).ok).toBe(true);
        const [updated] = await entries(actor, resource.audit.update);
        expect(updated).toMatchObject(target);
        expect(updated!.details).toEqual({
          before: { [resource.titleField]: record[resource.titleField] },
          after: { [resource.titleField]: edit[resource.titleField] },
        });
        // Saving what is already there changes nothing and logs nothing.
        expect((await updateRecord(resource, actor, record.id, edit, context)).ok).toBe(true);
        expect(await entries(actor, resource.audit.update)).toHaveLength(1);

        expect((await deleteRecord(resource, actor, record.id, context)).ok).toBe(true);
        expect(await entries(actor, resource.audit.delete)).toMatchObject([target]);
        expect((await restoreRecord(resource, actor, record.id, context)).ok).toBe(true);
        expect(await entries(actor, resource.audit.restore)).toMatchObject([target]);
        await csvOf(resource, actor);
        expect(await entries(actor, resource.audit.export)).toMatchObject([{ actorId: actor.id }]);
        expect((await purgeRecord(resource, actor, record.id, context)).ok).toBe(true);
        const [purged] = await entries(actor, resource.audit.purge);
        expect(purged).toMatchObject(target);
        expect(purged!.details).toMatchObject({ before: { [resource.titleField]: edit[resource.titleField] } });
      });
    });

    describe("REST", () => {
      it("answers 401 without a session, 405 with Allow, 415, 413, 400 and cross-origin 403, as problem+json", async () => {
        const actor = await newActor("rest");
        expect((await expectProblem(await call(null, "GET", base), 401)).code).toBe("unauthenticated");
        expect((await expectProblem(await call(null, "POST", base, { body: {} }), 401)).code).toBe("unauthenticated");

        const wrong = await call(actor, "PUT", base, { body: {} });
        expect((await expectProblem(wrong, 405)).code).toBe("method_not_allowed");
        expect(wrong.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "POST"]);
        const wrongOne = await call(actor, "PUT", `${base}/abc`, { body: {} });
        await expectProblem(wrongOne, 405);
        expect(wrongOne.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "PATCH"]);
        await expectProblem(await call(actor, "GET", `${base}/abc/nothing-here`), 404);

        const parentId = await parentFor(resource, actor);
        const valid = exampleOf(resource, { parentId, userId: actor.id });
        const before = await ownedCount(resource, actor);
        const asText = await call(actor, "POST", base, { raw: JSON.stringify(valid), headers: { "content-type": "text/plain" } });
        expect((await expectProblem(asText, 415)).code).toBe("unsupported_media_type");
        const huge = await call(actor, "POST", base, { body: { ...valid, [resource.titleField]: "x".repeat(64 * 1024) } });
        expect((await expectProblem(huge, 413)).code).toBe("body_too_large");
        const declaredHuge = await call(actor, "POST", base, { raw: "{}", headers: { "content-length": String(64 * 1024 + 1) } });
        expect(declaredHuge.status).toBe(413);
        for (const raw of ["{", '{"a":', "[1]", "null", '"text"'])
          expect((await expectProblem(await call(actor, "POST", base, { raw }), 400)).code).toBe("bad_request");
        const crossSiteHeaders: Record<string, string>[] = [
          { origin: "https://evil.example" },
          { "sec-fetch-site": "cross-site" },
          { origin: "https://evil.example", "sec-fetch-site": "none" },
          { origin: "", "sec-fetch-site": "" },
        ];
        for (const headers of crossSiteHeaders) {
          const crossSite = await call(actor, "POST", base, { body: valid, headers });
          expect((await expectProblem(crossSite, 403)).code, JSON.stringify(headers)).toBe("cross_origin");
        }
        expect(await ownedCount(resource, actor)).toBe(before);
        const invalid = await call(actor, "POST", base, { body: { ...valid, [resource.titleField]: 42 } });
        expect((await expectProblem(invalid, 422)).errors?.[resource.titleField]).toBeDefined();
        const badQuery = await call(actor, "GET", base, { search: "?page=0&nonsense=1" });
        expect((await expectProblem(badQuery, 422)).code).toBe("invalid_query");
      });

      it("answers 201 with Location and ETag on create, ETag on get and update, 204 on delete", async () => {
        const actor = await newActor("rest");
        const parentId = await parentFor(resource, actor);
        const created = await call(actor, "POST", base, { body: exampleOf(resource, { parentId, userId: actor.id }) });
        expect(created.status).toBe(201);
        const record = (await created.json()) as RecordJson;
        expect(created.headers.get("location")).toBe(`/api/v1${base}/${record.id}`);
        expect(created.headers.get("etag")).toBe('"1"');
        const got = await call(actor, "GET", `${base}/${record.id}`);
        expect(got.status).toBe(200);
        expect(got.headers.get("etag")).toBe('"1"');
        expect(await got.json()).toEqual(record);
        const patched = await call(actor, "PATCH", `${base}/${record.id}`, { body: titleEdit() });
        expect(patched.headers.get("etag")).toBe('"2"');
        const deleted = await call(actor, "DELETE", `${base}/${record.id}`, { headers: { "if-match": '"2"' } });
        expect(deleted.status).toBe(204);
        expect(await deleted.text()).toBe("");
      });

      it("links the first, previous, next and last pages of a list", async () => {
        const actor = await newActor("pages");
        const parentId = await parentFor(resource, actor);
        for (let i = 0; i < 21; i++) await make(resource, actor, parentId);
        const response = await call(actor, "GET", base, { search: "?size=10&page=2&sort=createdAt" });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { total: number; pages: number; items: unknown[] };
        expect(body).toMatchObject({ total: 21, pages: 3 });
        expect(body.items).toHaveLength(10);
        const links = Object.fromEntries(
          (response.headers.get("link") ?? "").split(", ").map((link) => {
            const [, href, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(link)!;
            return [rel!, new URL(href!, "http://localhost")];
          }),
        );
        expect(Object.keys(links).sort()).toEqual(["first", "last", "next", "prev"]);
        expect(links.first!.searchParams.get("page")).toBe("1");
        expect(links.prev!.searchParams.get("page")).toBe("1");
        expect(links.next!.searchParams.get("page")).toBe("3");
        expect(links.last!.searchParams.get("page")).toBe("3");
        for (const link of Object.values(links)) expect(link.searchParams.get("size")).toBe("10");
        const last = await call(actor, "GET", base, { search: "?size=10&page=3" });
        expect(last.headers.get("link")).not.toContain('rel="next"');
      });

      it("describes every operation of the resource in /api/v1/openapi.json", async () => {
        const response = await call(await newActor("docs"), "GET", "/openapi.json");
        const document = (await response.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
        const described = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
        for (const operation of operations()) {
          expect(described).toContain(operation.id);
          expect(document.paths[operation.path]?.[operation.method.toLowerCase()]?.operationId).toBe(operation.id);
        }
      });
    });
  });
}
