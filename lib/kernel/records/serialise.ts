import type { $ZodError } from "zod/v4/core";
import type { Resource } from "../resource";
import type { Row } from "./delegate";

// Records leave the data layer as JSON-ready objects: what the API sends, the screens show and the audit keeps.

export type RecordJson = Record<string, unknown> & { id: string; version: number };

const json = (value: unknown, isDate: boolean): unknown =>
  value instanceof Date ? (isDate ? value.toISOString().slice(0, 10) : value.toISOString()) : value === undefined ? null : value;

export function serialise(resource: Resource, row: Row): RecordJson {
  const out: Record<string, unknown> = { id: row.id, version: Number(row.version) };
  for (const name of Object.keys(resource.fields)) out[name] = json(row[name], resource.fields[name]!.input === "date");
  if (resource.ownership.kind === "user") out[resource.ownership.field] = row[resource.ownership.field];
  for (const name of ["createdAt", "updatedAt", "deletedAt"]) out[name] = json(row[name], false);
  return out as RecordJson;
}

/**
 * zod issues as field errors keyed by the top-level field. A Map, since the keys are the client's: an object
 * literal would find "valueOf" or "__proto__" on its prototype (a 500 before).
 */
export function fieldErrorsOf(error: $ZodError): Record<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    errors.set(key, [...(errors.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(errors);
}

/** Parsed input as Prisma data: calendar days become dates at midnight UTC. */
export function toData(resource: Resource, data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => [
      name,
      resource.fields[name]?.input === "date" && typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value,
    ]),
  );
}
