import "server-only";
import { notFound } from "next/navigation";
import type { ComponentType } from "react";
import { RecordFormModal } from "@/components/records/record-form-modal";
import type { Actor } from "@/lib/authz";
import { parentChoices } from "@/lib/kernel/records/access";
import type { Resource } from "@/lib/kernel/resource";
import type { FormResource, FormScreenProps, ResourceScreens, ScreenRecord } from "@/lib/kernel/screens";
import { userNames, userOptions } from "@/lib/users/directory";
import { system } from "@/modules";
import { screens } from "@/modules/screens";

// What the generic record pages look up besides the records: the resource by its URL name, the form to edit
// it with, and the people its `user` fields name or may name.

export function resourceNamed(name: string): Resource {
  return system.resources.find((resource) => resource.name === name) ?? notFound();
}

/** The module's own screens for the resource (modules/screens.ts), each in place of the generic one. */
export function screensOf(resource: Resource): ResourceScreens {
  return screens[resource.name] ?? {};
}

/** The module's own form (its schemas validate in the browser), or the generic one (the server validates). */
export async function formFor(resource: Resource): Promise<ComponentType<FormScreenProps>> {
  const form = screensOf(resource).form;
  return form ? form() : RecordFormModal;
}

/** The declaration's plain parts, for client components. */
export function formResource(resource: Resource): FormResource & { titleField: string } {
  return { name: resource.name, label: resource.label, fields: resource.fields, titleField: resource.titleField };
}

const userFields = (resource: Resource) => Object.keys(resource.fields).filter((name) => resource.fields[name]!.input === "user");

const idsIn = (records: readonly ScreenRecord[], fields: readonly string[]) =>
  records.flatMap((record) => fields.map((name) => record[name])).filter((id): id is string => typeof id === "string");

/**
 * What the records point at, by name: the people their `user` fields name and the parent their `parent` field
 * names; and, when the viewer may write, the choices for those fields in the form.
 */
export async function references(resource: Resource, actor: Actor, records: readonly ScreenRecord[], writes: boolean) {
  const users = userFields(resource);
  const parentField = resource.ownership.kind === "parent" ? [resource.ownership.field] : [];
  const [people, options, parents] = await Promise.all([
    users.length ? userNames(idsIn(records, users)) : new Map<string, string>(),
    users.length && writes ? userOptions() : [],
    parentChoices(resource, actor, idsIn(records, parentField)),
  ]);
  return {
    names: { ...Object.fromEntries(parents.names), ...Object.fromEntries(people) },
    options,
    parentOptions: writes ? parents.options : [],
  };
}
