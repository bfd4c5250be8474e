import type { ZodMiniObject } from "zod/mini";
import type { Actor, Permission } from "@/lib/authz";
import type { AuditAction } from "./registry";

// A resource (a kind of business record) is declared once; from the declaration come its data access
// (lib/kernel/records/), its operations and REST endpoints, its screens and its generic tests. The Prisma model
// follows the record conventions: id (cuid), version, createdAt, updatedAt, deletedAt, and the owner field.

type FilterOperator = "eq" | "in" | "range" | "contains";

/** How a field appears on the screens; the zod schema stays the authority on what is valid. */
type FieldInput = "text" | "textarea" | "select" | "date" | "user" | "parent";

export type FieldSpec = {
  label: string;
  input: FieldInput;
  /** The choices of a select, in order. */
  options?: readonly string[];
  /** Shown as a column in lists. */
  list?: boolean;
  sort?: boolean;
  /** Part of the list's free-text search (case-insensitive contains). */
  search?: boolean;
  filter?: readonly FilterOperator[];
};

/** Where a record's owner rule comes from. */
type Ownership =
  /** Owned by the user in `field` (set to the creator). */
  | { kind: "user"; field: string }
  /** Owned through its parent (a task through its project): visible and changeable when the parent is. */
  | { kind: "parent"; field: string; relation: string; parent: () => Resource }
  /** Shared: anyone holding the permission sees every record. */
  | { kind: "shared" };

type ResourcePermissions = {
  read: Permission;
  create: Permission;
  update: Permission;
  delete: Permission;
  restore: Permission;
  purge: Permission;
  /** Read (list, get, export) every record, not only one's own: a manager's view. Never grants writes. */
  readAll?: Permission;
};

type ResourceAuditActions = Record<"create" | "update" | "delete" | "restore" | "purge" | "export", AuditAction>;

/** A committed write as `afterWrite` sees it: the record's fields (serialised as the API shows them) and who wrote it. */
export type RecordChange = { before: Readonly<Record<string, unknown>> | null; after: Readonly<Record<string, unknown>>; actor: Actor };

export type ResourceDeclaration<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> = {
  /** Plural, lower-case: the URL segment (/projects, /api/v1/projects) and the audit target type's base. */
  name: string;
  /** The Prisma model's client property ("project"). */
  model: string;
  label: { singular: string; plural: string };
  fields: F;
  /** What a create takes; updates take any part of it. zod/mini, shared with the browser's form. */
  createSchema: ZodMiniObject;
  updateSchema: ZodMiniObject;
  /** The field shown as a record's name in lists, titles and links. */
  titleField: keyof F & string;
  ownership: Ownership;
  /**
   * `user` fields whose person may also read the record (a task's assignee), though they do not own it: get, list
   * and export, while the record and its parent are live. Never a write: changes stay with the owner.
   */
  readableBy?: readonly (keyof F & string)[];
  permissions: ResourcePermissions;
  audit: ResourceAuditActions;
  defaultSort: { field: keyof F | "createdAt" | "updatedAt"; dir: "asc" | "desc" };
  /**
   * A valid create input, for the generic tests (tests/helpers/module-records.ts), which create records of every
   * resource without knowing it. `parentId`: a parent the same user owns (ownership kind "parent"); `userId`: an active user.
   */
  example?: (refs: { parentId?: string; userId: string }) => Record<string, unknown>;
  /**
   * A module's reaction to its own records changing (an email to a task's new assignee): runs once a create
   * (`before` null) or an update has committed, before the answer. Load server code lazily. A failure is logged;
   * the write stands.
   */
  afterWrite?: (change: RecordChange) => Promise<void>;
  /** Extra checks on input the schema cannot make (a referenced user exists); field errors or null. */
  validate?: (input: Record<string, unknown>, actor: Actor) => Promise<Record<string, string[]> | null>;
};

export type Resource<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> = ResourceDeclaration<F> & {
  readonly auditTarget: string;
};

export function defineResource<const F extends Record<string, FieldSpec>>(declaration: ResourceDeclaration<F>): Resource<F> {
  if (!/^[a-z][a-z0-9-]*$/.test(declaration.name)) throw new Error(`Resource name "${declaration.name}" must be lower-case.`);
  for (const field of declaration.readableBy ?? [])
    if (declaration.fields[field]?.input !== "user")
      throw new Error(`Resource ${declaration.name}: readableBy names "${field}", which is not a user field.`);
  // The audit target type is the singular model name ("project"), like "user" and "role".
  return { ...declaration, auditTarget: declaration.model };
}
