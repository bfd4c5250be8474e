"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { LazyModal } from "@/components/modal/lazy-modal";
import type { Outcome } from "@/lib/outcome";
import { useOutcomeToast } from "./toasts";

type Props<I> = {
  action: (input: I) => Promise<Outcome<unknown>>;
  input: I;
  label: string;
  variant?: "primary" | "outline-primary" | "outline-secondary" | "outline-danger" | "danger";
  /** Destructive buttons ask first. */
  confirm?: { title: string; body: string; confirmLabel: string };
  /** Where to go after success (the page is refreshed in place otherwise). */
  thenGoTo?: string;
};

/** A server action behind one button: optional confirm dialog, a toast with the outcome, fresh data after. */
export function ActionButton<I>({ action, input, label, variant = "outline-secondary", confirm, thenGoTo }: Props<I>) {
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState(false);
  const hydrated = useHydrated();
  const toast = useOutcomeToast();
  const router = useRouter();

  const run = () =>
    startTransition(async () => {
      setAsking(false);
      const result = await action(input);
      toast(result);
      if (result.ok && thenGoTo) router.push(thenGoTo);
      else if (result.ok) router.refresh();
    });

  return (
    <>
      <button
        type="button"
        className={`btn btn-sm btn-${variant}`}
        disabled={pending || !hydrated}
        onClick={() => (confirm ? setAsking(true) : run())}
      >
        {label}
      </button>
      {confirm && (
        <LazyModal show={asking} onHide={() => setAsking(false)} title={confirm.title} centered>
          <div className="modal-body">{confirm.body}</div>
          <div className="modal-footer">
            <button type="button" className="btn btn-outline-secondary" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button type="button" className="btn btn-danger" onClick={run} disabled={pending}>
              {confirm.confirmLabel}
            </button>
          </div>
        </LazyModal>
      )}
    </>
  );
}
