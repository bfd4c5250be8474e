"use client";

import { useOptimistic, useTransition } from "react";
import type { RunOperation, ScreenRecord } from "@/lib/kernel/screens";
import type { Outcome } from "@/lib/outcome";
import { refusalText, useRecordToast } from "./record-toasts";

// Create, edit, delete and restore without a page load: the screen shows the change at once (useOptimistic),
// the server action saves it and re-renders the page in the same response, and the optimistic state gives
// way to the saved records when that transition ends. A refusal rolls the change back and says why.

type Change = { type: "upsert"; record: ScreenRecord } | { type: "remove"; id: string };

function apply(records: ScreenRecord[], change: Change): ScreenRecord[] {
  if (change.type === "remove") return records.filter((r) => r.id !== change.id);
  const at = records.findIndex((r) => r.id === change.record.id);
  return at < 0 ? [change.record, ...records] : records.map((r, i) => (i === at ? change.record : r));
}

let pendingIds = 0;
/** Rows not saved yet carry an id no record has, so the screen can show them as pending. */
export const isUnsaved = (record: ScreenRecord) => record.id.startsWith("unsaved-");

type Options = { name: string; singular: string; canRestore: boolean };

export function useRecordActions(records: ScreenRecord[], runOperation: RunOperation, { name, singular, canRestore }: Options) {
  const [optimistic, change] = useOptimistic(records, apply);
  const [pending, startTransition] = useTransition();
  const toast = useRecordToast();

  /** Runs the operation after showing `preview`; resolves with the outcome once it is known. */
  const run = (preview: Change | null, operation: string, input: unknown, version?: number) =>
    new Promise<Outcome<unknown>>((resolve) =>
      startTransition(async () => {
        if (preview) change(preview);
        const outcome = await runOperation(`${name}.${operation}`, input, version);
        resolve(outcome);
      }),
    );

  const restore = async (id: string) => {
    const outcome = await run(null, "restore", { id });
    toast(outcome.ok ? `${singular} restored.` : refusalText(outcome), outcome.ok);
  };

  return {
    records: optimistic,
    pending,
    create: (values: Record<string, unknown>) =>
      run({ type: "upsert", record: { ...values, id: `unsaved-${++pendingIds}`, version: 0 } }, "create", values),
    update: (record: ScreenRecord, values: Record<string, unknown>) =>
      run({ type: "upsert", record: { ...record, ...values } }, "update", { ...values, id: record.id }, record.version),
    /** An inline change (a task's status): saved at once, reported only when refused. */
    set: async (record: ScreenRecord, values: Record<string, unknown>) => {
      const outcome = await run(
        { type: "upsert", record: { ...record, ...values } },
        "update",
        { ...values, id: record.id },
        record.version,
      );
      if (!outcome.ok) toast(refusalText(outcome), false);
    },
    remove: async (record: ScreenRecord) => {
      const outcome = await run({ type: "remove", id: record.id }, "delete", { id: record.id }, record.version);
      if (!outcome.ok) return toast(refusalText(outcome), false);
      toast(`${singular} deleted.`, true, canRestore ? { label: "Undo", run: () => void restore(record.id) } : undefined);
    },
    /** From the trash: the row leaves the trash view at once. */
    restoreFromTrash: async (record: ScreenRecord) => {
      const outcome = await run({ type: "remove", id: record.id }, "restore", { id: record.id });
      toast(outcome.ok ? `${singular} restored.` : refusalText(outcome), outcome.ok);
    },
  };
}
