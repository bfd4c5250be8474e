import type { ComponentType, ReactNode } from "react";
import type { Outcome } from "@/lib/outcome";
import type { FieldSpec } from "./resource";

// The screens a resource gets from its declaration (app/[resource]/…) can be replaced one by one: a module's
// `screens/index.ts` lazily imports its own, listed in modules/screens.ts. Types only, so the kernel imports no screen.

/** The one server action behind the screens (app/records/run-operation.ts), handed down as a prop. */
export type RunOperation = (
  operationId: string,
  input: unknown,
  expectedVersion?: number,
  /** refresh: false when the screen navigates away after the change instead of re-rendering. */
  options?: { refresh?: boolean },
) => Promise<Outcome<unknown>>;

/** A record as the screens receive it: the JSON the operations answer. */
export type ScreenRecord = Record<string, unknown> & { id: string; version: number };

/** What a list or detail page hands a module's own screen: the server component renders the rest itself. */
export type PageScreenProps = {
  resourceName: string;
  /** The record's id on a detail page. */
  id?: string;
  /** The query string, first value of each parameter. */
  searchParams: Record<string, string | undefined>;
  runOperation: RunOperation;
};
type PageScreen = (props: PageScreenProps) => ReactNode | Promise<ReactNode>;

/** The declaration's plain parts a form needs; crosses from the server to the browser. */
export type FormResource = {
  name: string;
  label: { singular: string; plural: string };
  fields: Record<string, FieldSpec>;
};

/** A create/edit form: the module's "use client" file binds its schemas to the generic modal. */
export type FormScreenProps = {
  show: boolean;
  onHide: () => void;
  resource: FormResource;
  /** The record being edited; a create without it. */
  record?: ScreenRecord;
  /** Values the form does not ask for (a task's project when opened from the project's page). */
  fixed?: Record<string, string>;
  /** People to choose from for `user` fields. */
  userOptions?: readonly { id: string; name: string }[];
  /** Records to choose from for a `parent` field: the viewer's own (a task's project). */
  parentOptions?: readonly { id: string; name: string }[];
  /** Saves the values (create, or update at the record's version) and answers the outcome. */
  onSave: (values: Record<string, unknown>) => Promise<Outcome<unknown>>;
};

export type ResourceScreens = {
  list?: () => Promise<PageScreen>;
  detail?: () => Promise<PageScreen>;
  form?: () => Promise<ComponentType<FormScreenProps>>;
};

/** A module's own screens, by resource name. */
export type ModuleScreens = Record<string, ResourceScreens>;
