"use client";

import { Link } from "@/components/link";
import { useState, type ComponentType } from "react";
import type { FormResource, FormScreenProps, RunOperation, ScreenRecord } from "@/lib/kernel/screens";
import { FieldValue, optionLabel } from "./field-value";
import { isUnsaved, useRecordActions } from "./use-record-actions";

// A resource's records as a table: the declaration's list columns, sortable headers as links (the sort lives
// in the URL), Edit/Delete per row or Restore in the trash, a "New" button, and inline selects for the fields
// a screen names (a task's status). Every change goes through useRecordActions: no page load.

export type SortHeader = { href: string; dir: "asc" | "desc" | null };

export type RecordTableProps = {
  resource: FormResource & { titleField: string };
  records: ScreenRecord[];
  columns: readonly string[];
  /** Column → the link that sorts by it, and the current direction when it is the sort. */
  sortHeaders?: Record<string, SortHeader>;
  caption: string;
  /** Display names of the people the records name. */
  names?: Record<string, string>;
  can: { create: boolean; update: boolean; delete: boolean; restore: boolean };
  /** Ids of records the viewer reads but may not change (a task they are assigned): no edits on those rows. */
  readOnly?: readonly string[];
  trash?: boolean;
  /** Fields changed in place with a select, saved at once. */
  inline?: readonly string[];
  /** Links to each record's page; none when the records have no page of their own. */
  detailLinks?: boolean;
  emptyText: string;
  runOperation: RunOperation;
  Form: ComponentType<FormScreenProps>;
  fixed?: Record<string, string>;
  userOptions?: readonly { id: string; name: string }[];
  parentOptions?: readonly { id: string; name: string }[];
};

export function RecordTable(props: RecordTableProps) {
  const { resource, columns, sortHeaders = {}, can, trash = false, inline = [], detailLinks = true, Form } = props;
  // The people one may choose name a record that is not saved yet too.
  const names = { ...Object.fromEntries((props.userOptions ?? []).map((u) => [u.id, u.name])), ...props.names };
  const singular = resource.label.singular;
  const actions = useRecordActions(props.records, props.runOperation, { name: resource.name, singular, canRestore: can.restore });
  const [form, setForm] = useState<{ open: boolean; record?: ScreenRecord; key: number }>({ open: false, key: 0 });
  const open = (record?: ScreenRecord) => setForm((f) => ({ open: true, record, key: f.key + 1 }));
  const editable = !trash && (can.update || can.delete);

  return (
    <>
      {can.create && !trash && (
        <div className="mb-3">
          <button type="button" className="btn btn-primary" onClick={() => open()}>
            New {singular.toLowerCase()}
          </button>
        </div>
      )}
      {actions.records.length === 0 ? (
        <p className="text-body-secondary border rounded p-4 text-center" data-testid="empty-state">
          {props.emptyText}
        </p>
      ) : (
        <div className="table-responsive">
          <table className="table table-hover align-middle">
            <caption className="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                {columns.map((name) => {
                  const sort = sortHeaders[name];
                  const label = resource.fields[name]?.label ?? name;
                  return (
                    <th key={name} scope="col" aria-sort={sort?.dir ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
                      {sort ? (
                        <Link href={sort.href} className="link-body-emphasis text-decoration-none">
                          {label}
                          <span aria-hidden="true" className={sort.dir ? "" : "text-body-tertiary"}>
                            {sort.dir === "asc" ? " ▲" : sort.dir === "desc" ? " ▼" : " ↕"}
                          </span>
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
                {(editable || (trash && can.restore)) && (
                  <th scope="col" className="text-end">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {actions.records.map((record) => {
                const unsaved = isUnsaved(record);
                const title = String(record[resource.titleField] ?? "");
                const changeable = !props.readOnly?.includes(record.id);
                return (
                  <tr key={record.id} data-testid="record-row" aria-busy={unsaved || undefined}>
                    {columns.map((name) => {
                      const spec = resource.fields[name]!;
                      if (name === resource.titleField)
                        return (
                          <td key={name}>
                            {detailLinks && !unsaved && !trash ? <Link href={`/${resource.name}/${record.id}`}>{title}</Link> : title}
                            {unsaved && <span className="ms-2 small text-body-secondary">Saving…</span>}
                          </td>
                        );
                      if (inline.includes(name) && can.update && changeable && !trash && spec.options)
                        return (
                          <td key={name}>
                            <select
                              className="form-select form-select-sm w-auto"
                              aria-label={`${spec.label} of ${title}`}
                              value={String(record[name] ?? "")}
                              disabled={unsaved}
                              onChange={(event) => void actions.set(record, { [name]: event.target.value })}
                            >
                              {spec.options.map((option) => (
                                <option key={option} value={option}>
                                  {optionLabel(option)}
                                </option>
                              ))}
                            </select>
                          </td>
                        );
                      return (
                        <td key={name}>
                          <FieldValue spec={spec} value={record[name]} names={names} />
                        </td>
                      );
                    })}
                    {(editable || (trash && can.restore)) && (
                      <td className="text-end text-nowrap">
                        {trash ? (
                          <button
                            type="button"
                            className="btn btn-sm btn-outline-primary"
                            disabled={actions.pending}
                            onClick={() => void actions.restoreFromTrash(record)}
                            aria-label={`Restore ${title}`}
                          >
                            Restore
                          </button>
                        ) : (
                          changeable && (
                            <div className="d-inline-flex gap-2">
                              {can.update && (
                                <button
                                  type="button"
                                  className="btn btn-sm btn-outline-secondary"
                                  disabled={unsaved}
                                  onClick={() => open(record)}
                                  aria-label={`Edit ${title}`}
                                >
                                  Edit
                                </button>
                              )}
                              {can.delete && (
                                <button
                                  type="button"
                                  className="btn btn-sm btn-outline-danger"
                                  disabled={unsaved || actions.pending}
                                  onClick={() => void actions.remove(record)}
                                  aria-label={`Delete ${title}`}
                                >
                                  Delete
                                </button>
                              )}
                            </div>
                          )
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Form
        key={form.key}
        show={form.open}
        onHide={() => setForm((f) => ({ ...f, open: false }))}
        resource={resource}
        record={form.record}
        fixed={props.fixed}
        userOptions={props.userOptions}
        parentOptions={props.parentOptions}
        onSave={(values) => (form.record ? actions.update(form.record, values) : actions.create({ ...values, ...props.fixed }))}
      />
    </>
  );
}
