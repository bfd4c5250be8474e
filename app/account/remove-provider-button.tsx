"use client";

import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { removeProviderAction } from "./provider-actions";

/** Remove a linked provider; the server refuses when it is the last way left to sign in, and says so here. */
export function RemoveProviderButton({ provider, label }: { provider: string; label: string }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  return (
    <div className="text-end">
      <button
        type="button"
        className="btn btn-sm btn-outline-danger"
        disabled={pending || !hydrated}
        onClick={() => startTransition(async () => setResult(await removeProviderAction({ provider })))}
      >
        Remove {label}
      </button>
      <div className="mt-2 small">
        <OutcomeAlert outcome={result} />
      </div>
    </div>
  );
}
