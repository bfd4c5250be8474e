"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { removeProviderAction } from "./provider-actions";

/**
 * Remove a linked provider; the server refuses when it is the last way left to sign in, and says so here. A
 * removal takes this row away, so its confirmation is shown by the section (from the URL), like a connection's.
 */
export function RemoveProviderButton({ provider, label }: { provider: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  return (
    <div className="text-end">
      <button
        type="button"
        className="btn btn-sm btn-outline-danger"
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const result = await removeProviderAction({ provider });
            if (result.ok) router.replace(`/account?provider_done=unlink&provider=${provider}#sign-in-methods-heading`);
            else setResult(result);
          })
        }
      >
        Remove {label}
      </button>
      <div className="mt-2 small text-start">
        <OutcomeAlert outcome={result} />
      </div>
    </div>
  );
}
