import { z } from "@/lib/zod";
import { idField, isCalendarDate, PAGE_SIZES, pageFields } from "@/lib/fields";
import type { QueryParameter } from "../operation";
import type { FieldSpec, Resource } from "../resource";

// The list's query string, parsed against the declaration: page and size from an allowlist, sort from the
// sortable fields, search on the searchable ones, and for each filterable field only its declared operators
// (status=todo or status=todo,doing for eq/in; dueDate.from and dueDate.to for range; name.contains).
// Anything else is a 422 with the field named, never a query the database sees.

export const SYSTEM_SORTS = ["createdAt", "updatedAt"] as const;
const MAX_IN = 20;

type RangeFilter = { from?: string; to?: string };
type FieldFilter = { in?: string[]; range?: RangeFilter; contains?: string };

export type ListQuery = {
  page: number;
  size: number;
  sort: string;
  dir: "asc" | "desc";
  q: string;
  /** The trash: deleted records only (needs the restore permission). */
  deleted: boolean;
  filters: Record<string, FieldFilter>;
};

function valueSchema(spec: FieldSpec) {
  if (spec.input === "select" && spec.options?.length)
    return z.enum(spec.options as [string, ...string[]], `One of ${spec.options.join(", ")}.`);
  if (spec.input === "user" || spec.input === "parent") return idField;
  if (spec.input === "date") return z.string().refine(isCalendarDate, "Use a real day as YYYY-MM-DD.");
  return z.string().trim().min(1).max(100, "At most 100 characters.");
}

const blank = (v: unknown) => v === undefined || v === "";

/** The page, size, sort, direction, search and trash parameters of this resource's list. */
function baseSchema(resource: Resource) {
  const sortable = [...SYSTEM_SORTS, ...Object.entries(resource.fields).flatMap(([name, spec]) => (spec.sort ? [name] : []))];
  return z.object({
    ...pageFields(25),
    sort: z.enum(sortable as [string, ...string[]], `Sort by one of ${sortable.join(", ")}.`).default(String(resource.defaultSort.field)),
    dir: z.enum(["asc", "desc"], "Direction is asc or desc.").default(resource.defaultSort.dir),
    q: z.string().trim().max(100, "Search for at most 100 characters.").default(""),
    deleted: z.enum(["only"], 'deleted is "only" or absent.').optional(),
  });
}

// Built once per resource: every list request and page render parses with them, and building a zod schema
// (zod compiles each object schema on first use) cost more than the parse itself.
const schemas = new WeakMap<Resource, { base: ReturnType<typeof baseSchema>; values: Map<string, ReturnType<typeof valueSchema>> }>();
function schemasOf(resource: Resource) {
  let found = schemas.get(resource);
  if (!found) {
    const values = new Map(Object.entries(resource.fields).map(([name, spec]) => [name, valueSchema(spec)] as const));
    found = { base: baseSchema(resource), values };
    schemas.set(resource, found);
  }
  return found;
}

/** Parses a query string (as a flat record) for this resource's list: a ListQuery, or field errors. */
export function parseListQuery(resource: Resource, raw: Record<string, string | undefined>) {
  const { base, values } = schemasOf(resource);
  const errors: Record<string, string[]> = {};
  const parsed = base.safeParse(Object.fromEntries(Object.entries(raw).filter(([key, v]) => key in base.shape && !blank(v))));
  if (!parsed.success) Object.assign(errors, z.flattenError(parsed.error).fieldErrors);

  const filters: Record<string, FieldFilter> = {};
  const known = new Set(Object.keys(base.shape));
  for (const [name, spec] of Object.entries(resource.fields)) {
    const operators = spec.filter ?? [];
    const schema = values.get(name)!;
    const check = (key: string, value: string | undefined) => {
      known.add(key);
      if (blank(value)) return undefined;
      const result = schema.safeParse(value);
      if (!result.success) errors[key] = result.error.issues.map((issue) => issue.message);
      return result.success ? String(result.data) : undefined;
    };
    const filter: FieldFilter = {};
    if (operators.includes("eq") || operators.includes("in")) {
      known.add(name);
      const values = blank(raw[name]) ? [] : raw[name]!.split(",");
      if (values.length > (operators.includes("in") ? MAX_IN : 1))
        errors[name] = [operators.includes("in") ? `At most ${MAX_IN} values.` : "One value."];
      else {
        const checked = values.map((v) => check(name, v)).filter((v): v is string => v !== undefined);
        if (checked.length) filter.in = checked;
      }
    }
    if (operators.includes("range")) {
      const from = check(`${name}.from`, raw[`${name}.from`]);
      const to = check(`${name}.to`, raw[`${name}.to`]);
      if (from && to && from > to) errors[`${name}.to`] = ["The end is before the start."];
      if (from || to) filter.range = { from, to };
    }
    if (operators.includes("contains")) {
      const value = check(`${name}.contains`, raw[`${name}.contains`]);
      if (value) filter.contains = value;
    }
    if (Object.keys(filter).length) filters[name] = filter;
  }
  for (const key of Object.keys(raw)) if (!known.has(key) && !blank(raw[key])) errors[key] = ["Unknown query parameter."];
  // PostgreSQL text cannot hold U+0000: a search or filter with one would be a database error (a 500).
  for (const [key, value] of Object.entries(raw)) if (value?.includes("\u0000")) errors[key] = ["Contains a NUL character."];
  if (!parsed.success || Object.keys(errors).length) return { ok: false as const, fieldErrors: errors };
  const { deleted, ...rest } = parsed.data;
  return { ok: true as const, query: { ...rest, deleted: deleted === "only", filters } satisfies ListQuery };
}

/** The query string of a list query, defaults left out: for links, bookmarks and Link headers. */
export function listQueryString(resource: Resource, query: ListQuery, overrides: Partial<ListQuery> = {}): string {
  const q = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  if (q.deleted) params.set("deleted", "only");
  for (const [name, filter] of Object.entries(q.filters)) {
    if (filter.in) params.set(name, filter.in.join(","));
    if (filter.range?.from) params.set(`${name}.from`, filter.range.from);
    if (filter.range?.to) params.set(`${name}.to`, filter.range.to);
    if (filter.contains) params.set(`${name}.contains`, filter.contains);
  }
  if (q.sort !== resource.defaultSort.field) params.set("sort", q.sort);
  if (q.dir !== resource.defaultSort.dir) params.set("dir", q.dir);
  if (q.size !== 25) params.set("size", String(q.size));
  if (q.page !== 1) params.set("page", String(q.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The list's query parameters, for the OpenAPI document. */
export function listQueryParameters(resource: Resource): QueryParameter[] {
  const sortable = [...SYSTEM_SORTS, ...Object.entries(resource.fields).flatMap(([name, spec]) => (spec.sort ? [name] : []))];
  const params: QueryParameter[] = [
    { name: "page", description: "Page number, from 1", schema: { type: "integer", minimum: 1, default: 1 } },
    { name: "size", description: "Page size", schema: { type: "integer", enum: [...PAGE_SIZES], default: 25 } },
    { name: "sort", description: "Sort field", schema: { type: "string", enum: sortable, default: resource.defaultSort.field } },
    { name: "dir", description: "Sort direction", schema: { type: "string", enum: ["asc", "desc"], default: resource.defaultSort.dir } },
    { name: "q", description: "Search", schema: { type: "string", maxLength: 100 } },
    {
      name: "deleted",
      description: '"only": the deleted records (needs the restore permission)',
      schema: { type: "string", enum: ["only"] },
    },
  ];
  for (const [name, spec] of Object.entries(resource.fields)) {
    const value = spec.options
      ? { type: "string", enum: [...spec.options] }
      : spec.input === "date"
        ? { type: "string", format: "date" }
        : { type: "string" };
    const ops = spec.filter ?? [];
    if (ops.includes("in"))
      params.push({ name, description: `${spec.label}: one value or several, comma-separated`, schema: { type: "string" } });
    else if (ops.includes("eq")) params.push({ name, description: `${spec.label} equals`, schema: value });
    if (ops.includes("range")) {
      params.push({ name: `${name}.from`, description: `${spec.label} from (inclusive)`, schema: value });
      params.push({ name: `${name}.to`, description: `${spec.label} to (inclusive)`, schema: value });
    }
    if (ops.includes("contains"))
      params.push({ name: `${name}.contains`, description: `${spec.label} contains`, schema: { type: "string" } });
  }
  return params;
}
