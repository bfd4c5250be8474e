"use client";

import "./zod-jitless";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import Modal from "react-bootstrap/Modal";
import { useForm, type Resolver } from "react-hook-form";
import type { ZodMiniObject } from "zod/mini";
import type { FieldSpec } from "@/lib/kernel/resource";
import type { FormScreenProps, ScreenRecord } from "@/lib/kernel/screens";
import type { Refusal } from "@/lib/outcome";
import { FieldControl } from "./field-control";

// The create/edit modal every resource gets: fields from the declaration's FieldSpecs, validated in the
// browser by the resource's own zod/mini schema through react-hook-form (the server parses the same schema
// again), server field errors on the same fields, and a lost-update conflict explained with a way to reload.
// Its code, the form library and the schema load when the modal first opens (record-form-modal.tsx), so no
// list or record page carries them in its first load.

export type RecordFormProps = FormScreenProps & {
  /** The resource's shared schemas; without them (no module form) only the server validates. */
  createSchema?: ZodMiniObject;
  updateSchema?: ZodMiniObject;
  /** The fields to ask for, in order; by default every declared field the schema takes. */
  only?: readonly string[];
};

type Values = Record<string, string>;

/** Form values are strings; an empty date or person means "none" (null) to the schemas. */
function toInput(fields: Record<string, FieldSpec>, values: Values): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      (fields[name]?.input === "date" || fields[name]?.input === "user") && value === "" ? null : value,
    ]),
  );
}

/** A new record's choice fields start on their first option, as the declarations order them (the default first). */
function initialValues(
  fields: Record<string, FieldSpec>,
  names: readonly string[],
  record: ScreenRecord | undefined,
  fixed: Record<string, string>,
) {
  const blank = (name: string) => (record ? "" : (fields[name]?.options?.[0] ?? ""));
  return Object.fromEntries(
    names.map((name) => [name, fixed[name] ?? (record?.[name] == null ? blank(name) : String(record[name]))]),
  ) as Values;
}

/** The modal itself: its code loads when it first opens (RecordFormModal). */
export function RecordForm({
  show,
  onHide,
  resource,
  record,
  fixed = {},
  userOptions = [],
  parentOptions = [],
  onSave,
  createSchema,
  updateSchema,
  only,
}: RecordFormProps) {
  const schema = record ? updateSchema : createSchema;
  const names = (only ?? Object.keys(resource.fields)).filter((name) => !schema || name in schema.def.shape);
  const asked = names.filter((name) => !(name in fixed));
  const titleId = useId();
  const router = useRouter();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const base = schema && (zodResolver(schema) as unknown as Resolver<Values>);
  const form = useForm<Values>({
    defaultValues: initialValues(resource.fields, names, record, fixed),
    // The resolver answers the parsed values, so what is saved is what the schema made of the strings.
    resolver: base ? (values, context, options) => base(toInput(resource.fields, values) as Values, context, options) : undefined,
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setRefusal(null);
    const outcome = await onSave(base ? values : toInput(resource.fields, values));
    if (outcome.ok) return onHide();
    setRefusal(outcome);
    let focused = false;
    for (const [field, messages] of Object.entries(outcome.fieldErrors ?? {})) {
      if (!asked.includes(field)) continue;
      form.setError(field, { message: messages[0] }, { shouldFocus: !focused });
      focused = true;
    }
  });

  const noun = resource.label.singular.toLowerCase();
  const hiddenErrors = refusal?.fieldErrors ? Object.entries(refusal.fieldErrors).filter(([field]) => !asked.includes(field)) : [];
  return (
    <Modal show={show} onHide={onHide} aria-labelledby={titleId} onEntered={() => asked[0] && form.setFocus(asked[0])} backdrop="static">
      <form onSubmit={submit} noValidate>
        <Modal.Header closeButton closeLabel="Close">
          <Modal.Title id={titleId} as="h2" className="h5">
            {record ? `Edit ${noun}` : `New ${noun}`}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {refusal && (refusal.code !== "invalid_input" || hiddenErrors.length > 0) && (
            <div className="alert alert-danger" role="alert">
              <p className="mb-0">{refusal.message}</p>
              {hiddenErrors.map(([field, messages]) => (
                <p className="mb-0" key={field}>
                  {resource.fields[field]?.label ?? field}: {messages[0]}
                </p>
              ))}
              {refusal.code === "version_conflict" && (
                <button
                  type="button"
                  className="btn btn-sm btn-outline-danger mt-2"
                  onClick={() => {
                    onHide();
                    router.refresh();
                  }}
                >
                  Reload the {noun}
                </button>
              )}
            </div>
          )}
          {asked.map((name) => (
            <FieldControl
              key={name}
              name={name}
              spec={resource.fields[name]!}
              register={form.register}
              error={errors[name]?.message}
              userOptions={userOptions}
              parentOptions={parentOptions}
              idPrefix={titleId}
            />
          ))}
        </Modal.Body>
        <Modal.Footer>
          <button type="button" className="btn btn-outline-secondary" onClick={onHide}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : record ? "Save changes" : `Create ${noun}`}
          </button>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
