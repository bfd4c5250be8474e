"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ComponentType } from "react";
import type { FormResource, FormScreenProps, RunOperation, ScreenRecord } from "@/lib/kernel/screens";
import type { Outcome } from "@/lib/outcome";
import { refusalText, useRecordToast } from "./record-toasts";

type Props = {
  resource: FormResource;
  record: ScreenRecord;
  title: string;
  can: { update: boolean; delete: boolean; restore: boolean };
  runOperation: RunOperation;
  Form: ComponentType<FormScreenProps>;
  userOptions?: readonly { id: string; name: string }[];
  parentOptions?: readonly { id: string; name: string }[];
};

/** Edit (the modal) and Delete on a record's own page; a delete goes back to the list with an Undo. */
export function RecordDetailActions({ resource, record, title, can, runOperation, Form, userOptions, parentOptions }: Props) {
  const [pending, startTransition] = useTransition();
  const [form, setForm] = useState({ open: false, key: 0 });
  const router = useRouter();
  const toast = useRecordToast();
  const listHref = `/${resource.name}`;
  const singular = resource.label.singular;

  const save = (values: Record<string, unknown>) =>
    new Promise<Outcome<unknown>>((resolve) =>
      startTransition(async () => resolve(await runOperation(`${resource.name}.update`, { ...values, id: record.id }, record.version))),
    );

  const remove = () =>
    startTransition(async () => {
      const outcome = await runOperation(`${resource.name}.delete`, { id: record.id }, record.version, { refresh: false });
      if (!outcome.ok) return toast(refusalText(outcome), false);
      const undo = async () => {
        const restored = await runOperation(`${resource.name}.restore`, { id: record.id }, undefined, { refresh: false });
        toast(restored.ok ? `${singular} restored.` : refusalText(restored), restored.ok);
        if (restored.ok) router.push(`${listHref}/${record.id}`);
      };
      toast(`${singular} “${title}” deleted.`, true, can.restore ? { label: "Undo", run: () => void undo() } : undefined);
      router.push(listHref);
    });

  return (
    <div className="d-flex gap-2">
      {can.update && (
        <button
          type="button"
          className="btn btn-outline-secondary"
          disabled={pending}
          onClick={() => setForm((f) => ({ open: true, key: f.key + 1 }))}
        >
          Edit
        </button>
      )}
      {can.delete && (
        <button type="button" className="btn btn-outline-danger" disabled={pending} onClick={remove}>
          Delete
        </button>
      )}
      <Form
        key={form.key}
        show={form.open}
        onHide={() => setForm((f) => ({ ...f, open: false }))}
        resource={resource}
        record={record}
        userOptions={userOptions}
        parentOptions={parentOptions}
        onSave={save}
      />
    </div>
  );
}
