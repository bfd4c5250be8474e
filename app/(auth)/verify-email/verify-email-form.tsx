"use client";

import { Link } from "@/components/link";
import { useState, useTransition } from "react";
import { DoneThenSignIn } from "@/components/forms/done-then-sign-in";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { verifyEmailAction } from "./actions";

export function VerifyEmailForm({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();

  if (result?.ok) {
    return <DoneThenSignIn message={result.message} />;
  }
  return (
    <>
      <OutcomeAlert outcome={result} />
      {result && !result.ok ? (
        <Link href="/verify-email/resend">Send me a new confirmation link</Link>
      ) : (
        <>
          <p>Confirm that this address is yours to finish creating your account.</p>
          <button
            type="button"
            className="btn btn-primary w-100"
            disabled={pending || !hydrated}
            onClick={() => startTransition(async () => setResult(await verifyEmailAction({ token })))}
          >
            {pending ? "Confirming…" : "Confirm my email address"}
          </button>
        </>
      )}
    </>
  );
}
