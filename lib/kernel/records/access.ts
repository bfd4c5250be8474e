import "server-only";
import { safeParse, type $ZodObject } from "zod/v4/core";
import { audit } from "@/lib/audit";
import { authorize, can, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome, type Refusal } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { log } from "@/lib/log";
import type { RecordChange, Resource } from "../resource";
import type { ListQuery } from "./list-query";
import { delegate, type Row, type Tx } from "./delegate";
import { fieldErrorsOf, serialise, toData, type RecordJson } from "./serialise";
import { listWhere, ownerScope, parentScope, readScope } from "./scope";

// The data access every resource gets from its declaration. Each function authorises first, then applies the
// owner rule inside the query itself (where: id AND owner), so another person's record is a 404, and is never
// counted, listed, sorted, filtered or exported. Every change is audited with its before and after.

/** Counting stops here: an exact count of a large table costs more than the page. */
const COUNT_CAP = 10_000;

const notFound = (resource: Resource) =>
  refuse(404, `That ${resource.label.singular.toLowerCase()} does not exist.`, { code: "not_found" });
const target = (resource: Resource, id: string) => ({ type: resource.auditTarget, id });

export type RecordPage = { items: RecordJson[]; page: number; size: number; total: number; capped: boolean; pages: number };

export async function listRecords(
  resource: Resource,
  actor: Actor,
  query: ListQuery,
  context?: RequestContext,
): Promise<Outcome<RecordPage>> {
  await authorize(actor, resource.permissions.read, { context });
  if (query.deleted) await authorize(actor, resource.permissions.restore, { context });
  const where = listWhere(resource, actor, query);
  const model = delegate(db, resource);
  const orderBy = [{ [query.sort]: query.dir }, { id: query.dir }];
  // Both at once, on two connections. The capped count is ordered like the page (Prisma orders any count with
  // `take`, by id unless told): the list's own index then serves it, where ordering by id sorted every match.
  const [total, rows] = await Promise.all([
    model.count({ where, orderBy, take: COUNT_CAP + 1 }),
    model.findMany({ where, orderBy, skip: (query.page - 1) * query.size, take: query.size }),
  ]);
  const capped = total > COUNT_CAP;
  const pages = capped
    ? Math.max(Math.ceil(COUNT_CAP / query.size), query.page + (rows.length === query.size ? 1 : 0))
    : Math.max(1, Math.ceil(total / query.size));
  return done({
    items: rows.map((row) => serialise(resource, row)),
    page: query.page,
    size: query.size,
    total: Math.min(total, COUNT_CAP),
    capped,
    pages,
  });
}

export async function getRecord(resource: Resource, actor: Actor, id: string, context?: RequestContext): Promise<Outcome<RecordJson>> {
  await authorize(actor, resource.permissions.read, { target: target(resource, id), context });
  const row = await delegate(db, resource).findFirst({ where: { AND: [{ id, deletedAt: null }, readScope(resource, actor)] } });
  return row ? done(serialise(resource, row)) : notFound(resource);
}

/**
 * Of these records the actor reads, those they may not change (named in a `readableBy` field, or read through
 * readAll): the screens offer no edit or delete on them, which the writes would refuse anyway.
 */
export async function readOnlyIds(resource: Resource, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const readAll = !!resource.permissions.readAll && can(actor, resource.permissions.readAll);
  if (!ids.length || resource.ownership.kind === "shared" || (!resource.readableBy?.length && !readAll)) return [];
  const own = await delegate(db, resource).findMany({
    where: { AND: [{ id: { in: [...ids] } }, ownerScope(resource, actor)] },
    select: { id: true },
  });
  const owned = new Set(own.map((row) => row.id));
  return ids.filter((id) => !owned.has(id));
}

type Checked = { refusal: Refusal; data?: undefined } | { refusal?: undefined; data: Record<string, unknown> };

const invalid = (fieldErrors: Record<string, string[]>) =>
  refuse(422, "Some fields need attention.", { code: "invalid_input", fieldErrors });

/**
 * Schema, then the declaration's own checks. Called before the write's transaction opens: `validate` reads
 * through `db`, which inside a transaction waits for a second connection (on PGlite there is only the
 * transaction's own, so a create with an assignee hung until the transaction timed out).
 */
async function checkFields(resource: Resource, schema: $ZodObject, input: unknown, actor: Actor): Promise<Checked> {
  const parsed = safeParse(schema, input);
  if (!parsed.success) return { refusal: invalid(fieldErrorsOf(parsed.error)) };
  const data = parsed.data as Record<string, unknown>;
  // PostgreSQL text cannot hold U+0000: refused as a field error here, not as a database error (a 500) at the write.
  const nul = Object.keys(data).filter((name) => JSON.stringify(data[name] ?? null).includes("\\u0000"));
  if (nul.length) return { refusal: invalid(Object.fromEntries(nul.map((name) => [name, ["Contains a NUL character."]]))) };
  const extra = resource.validate ? await resource.validate(data, actor) : null;
  return extra ? { refusal: invalid(extra) } : { data };
}

/** The parent rule, inside the write's transaction: a child joins only a parent the actor may change. */
async function checkParent(tx: Tx, resource: Resource, actor: Actor, data: Record<string, unknown>): Promise<Refusal | null> {
  if (resource.ownership.kind !== "parent" || data[resource.ownership.field] === undefined) return null;
  const parent = await parentScope(tx, resource, actor, String(data[resource.ownership.field]));
  return parent ? null : invalid({ [resource.ownership.field]: ["No such record."] });
}

export async function createRecord(
  resource: Resource,
  actor: Actor,
  input: unknown,
  context: RequestContext,
): Promise<Outcome<RecordJson>> {
  await authorize(actor, resource.permissions.create, { context });
  const checked = await checkFields(resource, resource.createSchema, input, actor);
  if (checked.refusal) return checked.refusal;
  const outcome = await db.$transaction(async (tx) => {
    const parentRefusal = await checkParent(tx, resource, actor, checked.data);
    if (parentRefusal) return parentRefusal;
    const owner = resource.ownership.kind === "user" ? { [resource.ownership.field]: actor.id } : {};
    const row = await delegate(tx, resource).create({ data: { ...toData(resource, checked.data), ...owner } });
    const after = serialise(resource, row);
    await audit(
      {
        action: resource.audit.create,
        actorId: actor.id,
        target: target(resource, row.id),
        context,
        details: { after: fieldsOf(resource, after) },
      },
      tx,
    );
    return done(after);
  });
  if (outcome.ok) await afterWrite(resource, { before: null, after: outcome.value, actor });
  return outcome;
}

/** The declaration's reaction, after the commit: its failure must not turn a saved write into an error. */
async function afterWrite(resource: Resource, change: RecordChange): Promise<void> {
  try {
    await resource.afterWrite?.(change);
  } catch (error) {
    log.error({ err: error, resource: resource.name }, "records: afterWrite failed");
  }
}

/** Only what the declaration lists, so the audit entry holds the record's fields and no bookkeeping. */
function fieldsOf(resource: Resource, record: RecordJson) {
  return Object.fromEntries(Object.keys(resource.fields).map((name) => [name, record[name] ?? null]));
}

/** The row the actor may change (never through readAll), deleted or not as asked. */
async function writable(tx: Tx, resource: Resource, actor: Actor, id: string, deleted: boolean): Promise<Row | null> {
  return delegate(tx, resource).findFirst({
    where: { AND: [{ id, deletedAt: deleted ? { not: null } : null }, ownerScope(resource, actor)] },
  });
}

/**
 * Changes the given fields. With `expectedVersion` (If-Match, or the form's hidden version) a record changed
 * by someone else since is refused with 412 instead of being overwritten; the version check and the write are
 * one statement, so two racing writers cannot both pass it.
 */
export async function updateRecord(
  resource: Resource,
  actor: Actor,
  id: string,
  input: unknown,
  context: RequestContext,
  expectedVersion?: number,
): Promise<Outcome<RecordJson>> {
  await authorize(actor, resource.permissions.update, { target: target(resource, id), context });
  const checked = await checkFields(resource, resource.updateSchema, input, actor);
  let before: RecordJson | null = null;
  const outcome = await db.$transaction(async (tx) => {
    const current = await writable(tx, resource, actor, id, false);
    // Someone else's record is a 404 whatever the input says.
    if (!current) return notFound(resource);
    if (checked.refusal) return checked.refusal;
    const parentRefusal = await checkParent(tx, resource, actor, checked.data);
    if (parentRefusal) return parentRefusal;
    const version = Number(current.version);
    if (expectedVersion !== undefined && expectedVersion !== version) return stale(resource);
    const { count } = await delegate(tx, resource).updateMany({
      where: { id, version },
      data: { ...toData(resource, checked.data), version: { increment: 1 } },
    });
    if (count === 0) return stale(resource);
    const after = serialise(resource, (await delegate(tx, resource).findFirst({ where: { id } }))!);
    before = serialise(resource, current);
    const changed = Object.keys(resource.fields).filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(after[name]));
    if (changed.length) {
      const pick = (record: RecordJson) => Object.fromEntries(changed.map((name) => [name, record[name] ?? null]));
      await audit(
        {
          action: resource.audit.update,
          actorId: actor.id,
          target: target(resource, id),
          context,
          details: { before: pick(before), after: pick(after) },
        },
        tx,
      );
    }
    return done(after);
  });
  if (outcome.ok && before) await afterWrite(resource, { before, after: outcome.value, actor });
  return outcome;
}

const stale = (resource: Resource) =>
  refuse(412, `This ${resource.label.singular.toLowerCase()} was changed by someone else since you opened it. Reload to see the changes.`, {
    code: "version_conflict",
  });

/** Soft delete: the record leaves every list and lookup, and holders of the restore permission can bring it back. */
export async function deleteRecord(
  resource: Resource,
  actor: Actor,
  id: string,
  context: RequestContext,
  expectedVersion?: number,
): Promise<Outcome> {
  await authorize(actor, resource.permissions.delete, { target: target(resource, id), context });
  return setDeleted(resource, actor, id, context, true, expectedVersion);
}

export async function restoreRecord(resource: Resource, actor: Actor, id: string, context: RequestContext): Promise<Outcome<RecordJson>> {
  await authorize(actor, resource.permissions.restore, { target: target(resource, id), context });
  const outcome = await setDeleted(resource, actor, id, context, false);
  if (!outcome.ok) return outcome;
  // Read back under the owner rule the restore itself passed: the restore permission suffices, not read too.
  const row = await delegate(db, resource).findFirst({ where: { AND: [{ id }, ownerScope(resource, actor)] } });
  return row ? done(serialise(resource, row)) : notFound(resource);
}

async function setDeleted(
  resource: Resource,
  actor: Actor,
  id: string,
  context: RequestContext,
  deleted: boolean,
  expectedVersion?: number,
): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    const current = await writable(tx, resource, actor, id, !deleted);
    if (!current) return notFound(resource);
    const version = Number(current.version);
    if (expectedVersion !== undefined && expectedVersion !== version) return stale(resource);
    const { count } = await delegate(tx, resource).updateMany({
      where: { id, version },
      data: { deletedAt: deleted ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) return stale(resource);
    const action = deleted ? resource.audit.delete : resource.audit.restore;
    await audit(
      {
        action,
        actorId: actor.id,
        target: target(resource, id),
        context,
        details: { [resource.titleField]: String(current[resource.titleField] ?? "") },
      },
      tx,
    );
    return done();
  });
}

/** Deletes for good, under its own permission; only the owner's own records (or, shared, any). */
export async function purgeRecord(resource: Resource, actor: Actor, id: string, context: RequestContext): Promise<Outcome> {
  await authorize(actor, resource.permissions.purge, { target: target(resource, id), context });
  return db.$transaction(async (tx) => {
    const current = await delegate(tx, resource).findFirst({ where: { AND: [{ id }, ownerScope(resource, actor)] } });
    if (!current) return notFound(resource);
    await delegate(tx, resource).deleteMany({ where: { id } });
    await audit(
      {
        action: resource.audit.purge,
        actorId: actor.id,
        target: target(resource, id),
        context,
        details: { before: fieldsOf(resource, serialise(resource, current)) },
      },
      tx,
    );
    return done();
  });
}

export type Choice = { id: string; name: string };

/**
 * For a child resource's forms and pages: the parents the actor may attach a record to (their own, newest title
 * order, at most `limit`), and the names of the parents these records point at (as far as the actor may read).
 */
export async function parentChoices(resource: Resource, actor: Actor, parentIds: readonly string[], limit = 100) {
  if (resource.ownership.kind !== "parent") return { options: [] as Choice[], names: new Map<string, string>() };
  const parent = resource.ownership.parent();
  const title = parent.titleField;
  const choice = (row: Row): Choice => ({ id: row.id, name: String(row[title] ?? row.id) });
  const model = delegate(db, parent);
  const [own, named] = await Promise.all([
    model.findMany({
      where: { AND: [{ deletedAt: null }, ownerScope(parent, actor)] },
      orderBy: [{ [title]: "asc" }, { id: "asc" }],
      take: limit,
    }),
    parentIds.length ? model.findMany({ where: { AND: [{ id: { in: [...new Set(parentIds)] } }, readScope(parent, actor)] } }) : [],
  ]);
  return { options: own.map(choice), names: new Map(named.map((row) => [row.id, choice(row).name])) };
}
