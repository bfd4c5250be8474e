"use client";

import { Link } from "@/components/link";
import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { confirmEmailAction } from "./actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  if (result) {
    return (
      <>
        <OutcomeAlert outcome={result} />
        <Link href="/account">Go to your account</Link>
      </>
    );
  }
  return (
    <>
      <p>Confirm that this address is yours to make it the email of your account.</p>
      <button
        type="button"
        className="btn btn-primary w-100"
        disabled={pending || !hydrated}
        onClick={() => startTransition(async () => setResult(await confirmEmailAction({ token })))}
      >
        {pending ? "Confirming…" : "Confirm my new address"}
      </button>
    </>
  );
}
