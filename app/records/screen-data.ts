import "server-only";
import { notFound } from "next/navigation";
import type { ComponentType } from "react";
import { RecordFormModal } from "@/components/records/record-form-modal";
import type { Resource } from "@/lib/kernel/resource";
import type { FormResource, FormScreenProps, ScreenRecord } from "@/lib/kernel/screens";
import { userNames, userOptions } from "@/lib/users/directory";
import { system } from "@/modules";

// What the generic record pages look up besides the records: the resource by its URL name, the form to edit
// it with, and the people its `user` fields name or may name.

export function resourceNamed(name: string): Resource {
  return system.resources.find((resource) => resource.name === name) ?? notFound();
}

/** The module's own form (its schemas validate in the browser), or the generic one (the server validates). */
export async function formFor(resource: Resource): Promise<ComponentType<FormScreenProps>> {
  return resource.screens?.form ? resource.screens.form() : RecordFormModal;
}

/** The declaration's plain parts, for client components. */
export function formResource(resource: Resource): FormResource & { titleField: string } {
  return { name: resource.name, label: resource.label, fields: resource.fields, titleField: resource.titleField };
}

const userFields = (resource: Resource) => Object.keys(resource.fields).filter((name) => resource.fields[name]!.input === "user");

/** Names for the people the records show; choices for the form when the viewer may write. */
export async function people(resource: Resource, records: readonly ScreenRecord[], writes: boolean) {
  const fields = userFields(resource);
  if (!fields.length) return { names: {}, options: [] };
  const ids = records.flatMap((record) => fields.map((name) => record[name])).filter((id): id is string => typeof id === "string");
  const [names, options] = await Promise.all([userNames(ids), writes ? userOptions() : []]);
  return { names: Object.fromEntries(names), options };
}
