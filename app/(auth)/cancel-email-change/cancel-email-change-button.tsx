"use client";

import { Link } from "@/components/link";
import { useState, useTransition } from "react";
import { FormAlert, OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { cancelEmailChangeAction } from "./actions";

// A button, not the link itself: mail scanners open links, and opening one must not change anything.
export function CancelEmailChangeButton({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  if (result?.ok) {
    return (
      <>
        <FormAlert variant="success" message={result.message} />
        <p>Whoever asked for it was signed in as you. Reset your password now: that signs out every browser, theirs included.</p>
        <Link href="/forgot-password" className="btn btn-primary w-100">
          Reset my password
        </Link>
      </>
    );
  }
  return (
    <>
      <OutcomeAlert outcome={result} />
      {!result && <p>If you did not ask to change the email address of your account, cancel the change.</p>}
      <button
        type="button"
        className="btn btn-danger w-100"
        disabled={pending || !hydrated || !!result}
        onClick={() => startTransition(async () => setResult(await cancelEmailChangeAction({ token })))}
      >
        {pending ? "Cancelling…" : "Cancel the change"}
      </button>
    </>
  );
}
