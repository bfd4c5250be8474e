"use client";

import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from "./actions";
import { RecoveryCodes } from "./recovery-codes";

export function RegenerateCodesButton() {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome<string[]>>();
  if (result?.ok) return <RecoveryCodes codes={result.value} />;
  return (
    <>
      <OutcomeAlert outcome={result} />
      <p className="small text-body-secondary">The old codes stop working once the new ones are made.</p>
      <button
        type="button"
        className="btn btn-outline-primary"
        disabled={pending || !hydrated}
        onClick={() => startTransition(async () => setResult(await regenerateRecoveryCodesAction({})))}
      >
        {pending ? "Making codes…" : "Make new recovery codes"}
      </button>
    </>
  );
}

/** Behind "confirm it's you" on the page, so one click is enough here. */
export function DisableTwoFactorButton() {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  return (
    <>
      <OutcomeAlert outcome={result} />
      <p className="text-body-secondary">Your password alone will sign you in again.</p>
      <button
        type="button"
        className="btn btn-outline-danger"
        disabled={pending || !hydrated}
        onClick={() => startTransition(async () => setResult(await disableTwoFactorAction({})))}
      >
        {pending ? "Turning off…" : "Turn off two-factor sign-in"}
      </button>
    </>
  );
}
