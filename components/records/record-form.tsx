"use client";

import { useRouter } from "next/navigation";
import { useId, useRef } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { ModalFrame } from "@/components/modal/modal-frame";
import type { FieldSpec } from "@/lib/kernel/resource";
import type { FormScreenProps, ScreenRecord } from "@/lib/kernel/screens";
import { FieldControl } from "./field-control";

// The create/edit modal every resource gets: fields from the declaration's FieldSpecs, posted as typed, and
// the resource's zod schema's verdict on the server shown on the same fields (useActionForm: no form library
// or schema in the browser), other refusals above them, and a lost-update conflict explained with a way to
// reload.

export type RecordFormProps = FormScreenProps & {
  /** The fields to ask for, in order; by default every declared field. */
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
  only,
}: RecordFormProps) {
  const names = only ?? Object.keys(resource.fields);
  const asked = names.filter((name) => !(name in fixed));
  const titleId = useId();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { formProps, pending, submitting, result, error, field } = useActionForm(
    (values: Values) => onSave(toInput(resource.fields, values)),
    initialValues(resource.fields, names, record, fixed),
    onHide,
  );

  const noun = resource.label.singular.toLowerCase();
  const refusal = result && !result.ok ? result : null;
  const hiddenErrors = refusal?.fieldErrors ? Object.entries(refusal.fieldErrors).filter(([name]) => !asked.includes(name)) : [];
  const focusFirst = () => {
    const first = asked[0] && formRef.current?.elements.namedItem(asked[0]);
    if (first instanceof HTMLElement) first.focus();
  };
  return (
    <ModalFrame
      show={show}
      onHide={onHide}
      title={record ? `Edit ${noun}` : `New ${noun}`}
      titleId={titleId}
      onEntered={focusFirst}
      backdrop="static"
    >
      <form method="post" ref={formRef} {...formProps}>
        <div className="modal-body">
          {refusal && (refusal.code !== "invalid_input" || hiddenErrors.length > 0) && (
            <div className="alert alert-danger" role="alert">
              <p className="mb-0">{refusal.message}</p>
              {hiddenErrors.map(([name, messages]) => (
                <p className="mb-0" key={name}>
                  {resource.fields[name]?.label ?? name}: {messages[0]}
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
              spec={resource.fields[name]!}
              control={field(name)}
              error={error(name)}
              userOptions={userOptions}
              parentOptions={parentOptions}
              idPrefix={titleId}
            />
          ))}
        </div>
        <div className="modal-footer">
          <button type="button" className="btn btn-outline-secondary" onClick={onHide}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {submitting ? "Saving…" : record ? "Save changes" : `Create ${noun}`}
          </button>
        </div>
      </form>
    </ModalFrame>
  );
}
