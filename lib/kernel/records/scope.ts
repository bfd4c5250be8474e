import "server-only";
import { can, type Actor } from "@/lib/authz";
import type { Resource } from "../resource";
import { delegate, type Row, type Tx } from "./delegate";
import type { ListQuery } from "./list-query";

// Owner rules, as Prisma where clauses that every query of a resource ANDs in.

export type Where = Record<string, unknown>;

/** The records the actor owns: their own, or those whose parent they own; shared records belong to everyone. */
export function ownerScope(resource: Resource, actor: Actor): Where {
  const ownership = resource.ownership;
  if (ownership.kind === "user") return { [ownership.field]: actor.id };
  if (ownership.kind === "parent") return { [ownership.relation]: { AND: [ownerScope(ownership.parent(), actor), { deletedAt: null }] } };
  return {};
}

/** The records a declared `readableBy` field names the actor in (a task they are assigned), under a live parent. */
function namedScopes(resource: Resource, actor: Actor): Where[] {
  const ownership = resource.ownership;
  const liveParent = ownership.kind === "parent" ? { [ownership.relation]: { deletedAt: null } } : {};
  return (resource.readableBy ?? []).map((field) => ({ [field]: actor.id, ...liveParent }));
}

/**
 * What the actor may read (never for writes): everything with the resource's readAll permission; else their own,
 * and the live records a `readableBy` field names them in. The trash (`deleted`) is the owner's: a named reader
 * cannot restore, so they do not see deleted records.
 */
export function readScope(resource: Resource, actor: Actor, deleted = false): Where {
  if (resource.permissions.readAll && can(actor, resource.permissions.readAll)) return {};
  const own = ownerScope(resource, actor);
  const named = deleted ? [] : namedScopes(resource, actor);
  return named.length ? { OR: [own, ...named] } : own;
}

/** The parent a child record would join, when the actor may change it (a task only joins one's own project). */
export async function parentScope(tx: Tx, resource: Resource, actor: Actor, parentId: string): Promise<Row | null> {
  if (resource.ownership.kind !== "parent") return null;
  const parent = resource.ownership.parent();
  return delegate(tx, parent).findFirst({ where: { AND: [{ id: parentId, deletedAt: null }, ownerScope(parent, actor)] } });
}

function searchWhere(resource: Resource, q: string): Where {
  const fields = Object.entries(resource.fields).flatMap(([name, spec]) => (spec.search ? [name] : []));
  const terms = q.split(/\s+/).filter(Boolean).slice(0, 5);
  if (!fields.length || !terms.length) return {};
  return { AND: terms.map((term) => ({ OR: fields.map((field) => ({ [field]: { contains: term, mode: "insensitive" } })) })) };
}

function filterWhere(resource: Resource, query: ListQuery): Where[] {
  return Object.entries(query.filters).map(([name, filter]) => {
    const value = (v: string) => (resource.fields[name]?.input === "date" ? new Date(`${v}T00:00:00Z`) : v);
    return {
      [name]: {
        ...(filter.in ? { in: filter.in.map(value) } : {}),
        ...(filter.range?.from ? { gte: value(filter.range.from) } : {}),
        ...(filter.range?.to ? { lte: value(filter.range.to) } : {}),
        ...(filter.contains ? { contains: filter.contains, mode: "insensitive" } : {}),
      },
    };
  });
}

/** The list's where: the read scope, live or deleted, the search and the filters. */
export function listWhere(resource: Resource, actor: Actor, query: ListQuery): Where {
  return {
    AND: [
      readScope(resource, actor, query.deleted),
      { deletedAt: query.deleted ? { not: null } : null },
      searchWhere(resource, query.q),
      ...filterWhere(resource, query),
    ],
  };
}
