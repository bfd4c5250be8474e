import { z } from "zod/mini";
import type { $ZodType } from "zod/v4/core";
import type { Resource } from "../resource";

// What a record looks like on the way out, for the OpenAPI document: the declared fields (their create
// schemas, nullable when optional), plus the bookkeeping every record has.

export function recordSchema(resource: Resource) {
  const fields: Record<string, $ZodType> = {};
  for (const [name, schema] of Object.entries(resource.createSchema.shape)) fields[name] = z.nullable(schema as z.ZodMiniType);
  const owner = resource.ownership.kind === "user" ? { [resource.ownership.field]: z.string() } : {};
  return z.object({
    id: z.string(),
    version: z.int(),
    ...fields,
    ...owner,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.nullable(z.iso.datetime()),
  });
}

export function recordPageSchema(record: $ZodType) {
  return z.object({
    items: z.array(record as z.ZodMiniType),
    page: z.int(),
    size: z.int(),
    total: z.int(),
    capped: z.boolean(),
    pages: z.int(),
  });
}
