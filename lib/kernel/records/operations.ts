import "server-only";
import { z } from "zod/mini";
import { done, refuse } from "@/lib/outcome";
import { defineOperation, type Operation, type StreamBody } from "../operation";
import type { Resource } from "../resource";
import { createRecord, deleteRecord, getRecord, listRecords, purgeRecord, restoreRecord, updateRecord } from "./access";
import { exportRecordsCsv } from "./export";
import { listQueryParameters, parseListQuery } from "./list-query";
import { recordSchema, recordPageSchema } from "./read-schema";

// The operations every resource gets from its declaration, served at /api/v1/<name> and to the screens.

const byId = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9]+$/i, "That id is not valid.")) });
const listInput = z.record(z.string(), z.optional(z.string()));

function queryOrRefusal(resource: Resource, raw: Record<string, string | undefined>) {
  const parsed = parseListQuery(resource, raw);
  return parsed.ok
    ? parsed
    : { ok: false as const, refusal: refuse(422, "The query is not valid.", { code: "invalid_query", fieldErrors: parsed.fieldErrors }) };
}

export function recordOperations(resource: Resource): Operation[] {
  const { name, permissions: p, label } = resource;
  const tags = [label.plural];
  const one = label.singular.toLowerCase();
  const record = recordSchema(resource);
  return [
    defineOperation({
      id: `${name}.list`,
      method: "GET",
      path: `/${name}`,
      summary: `List ${label.plural.toLowerCase()}: pages, sort, search and filters`,
      tags,
      permission: p.read,
      input: listInput,
      output: recordPageSchema(record),
      paged: true,
      query: listQueryParameters(resource),
      handler: async (raw, { actor, context }) => {
        const parsed = queryOrRefusal(resource, raw);
        return parsed.ok ? listRecords(resource, actor, parsed.query, context) : parsed.refusal;
      },
    }),
    defineOperation({
      id: `${name}.get`,
      method: "GET",
      path: `/${name}/{id}`,
      summary: `Get one ${one}`,
      tags,
      permission: p.read,
      input: byId,
      output: record,
      versioned: true,
      handler: ({ id }, { actor, context }) => getRecord(resource, actor, id, context),
    }),
    defineOperation({
      id: `${name}.create`,
      method: "POST",
      path: `/${name}`,
      summary: `Create a ${one}`,
      tags,
      permission: p.create,
      input: resource.createSchema,
      output: record,
      // Placeholder ids of the documented shape: the example shows a request, it is never sent.
      example: resource.example?.({ parentId: "cm0parent00example000000", userId: "cm0user0000example000000" }),
      successStatus: 201,
      versioned: true,
      handler: (input, { actor, context }) => createRecord(resource, actor, input, context),
    }),
    defineOperation({
      id: `${name}.update`,
      method: "PATCH",
      path: `/${name}/{id}`,
      summary: `Change some fields of a ${one} (If-Match guards against lost updates)`,
      tags,
      permission: p.update,
      input: z.extend(resource.updateSchema, byId.shape),
      output: record,
      versioned: true,
      handler: (input, { actor, context, expectedVersion }) => {
        // The declared shape is generic here; byId has already checked that id is a valid id string.
        const { id, ...fields } = input as Record<string, unknown> & { id: string };
        return updateRecord(resource, actor, id, fields, context, expectedVersion);
      },
    }),
    defineOperation({
      id: `${name}.delete`,
      method: "DELETE",
      path: `/${name}/{id}`,
      summary: `Delete a ${one} (restorable)`,
      tags,
      permission: p.delete,
      input: byId,
      output: null,
      versioned: true,
      handler: ({ id }, { actor, context, expectedVersion }) => deleteRecord(resource, actor, id, context, expectedVersion),
    }),
    defineOperation({
      id: `${name}.restore`,
      method: "POST",
      path: `/${name}/{id}/restore`,
      summary: `Restore a deleted ${one}`,
      tags,
      permission: p.restore,
      input: byId,
      output: record,
      versioned: true,
      handler: ({ id }, { actor, context }) => restoreRecord(resource, actor, id, context),
    }),
    defineOperation({
      id: `${name}.purge`,
      method: "POST",
      path: `/${name}/{id}/purge`,
      summary: `Delete a ${one} for good`,
      tags,
      permission: p.purge,
      input: byId,
      output: null,
      handler: ({ id }, { actor, context }) => purgeRecord(resource, actor, id, context),
    }),
    defineOperation({
      id: `${name}.export`,
      method: "POST",
      path: `/${name}/export`,
      summary: `Download the filtered ${label.plural.toLowerCase()} as CSV (a POST: an export is audited)`,
      tags,
      permission: p.read,
      input: listInput,
      output: null,
      query: listQueryParameters(resource),
      handler: async (raw, { actor, context }) => {
        const parsed = queryOrRefusal(resource, raw);
        if (!parsed.ok) return parsed.refusal;
        const stream = await exportRecordsCsv(resource, actor, parsed.query, context);
        return done<StreamBody>({ stream, contentType: "text/csv; charset=utf-8", filename: `${name}.csv` });
      },
    }),
  ];
}
