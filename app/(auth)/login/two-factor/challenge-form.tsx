"use client";

import { useState } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { recoveryChallengeAction, totpChallengeAction } from "./actions";

// A full page load after success, so the navbar and everything else render for the signed-in user.
const go = (result: { value: string }) => window.location.assign(result.value);

function CodeForm({ next }: { next: string }) {
  const { formProps, pending, submitting, result, error, field } = useActionForm(
    (values) => totpChallengeAction({ ...values, next }),
    { code: "" },
    go,
  );
  return (
    <form method="post" {...formProps}>
      <p className="text-body-secondary">Enter the 6-digit code your authenticator app shows for this account.</p>
      <OutcomeAlert outcome={result} />
      <FormField id="code" label="Authentication code" error={error("code")}>
        <input
          {...fieldProps("code", error("code"))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          {...field("code")}
        />
      </FormField>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {submitting ? "Checking…" : "Verify"}
      </button>
    </form>
  );
}

function RecoveryForm({ next }: { next: string }) {
  const { formProps, pending, submitting, result, error, field } = useActionForm(
    (values) => recoveryChallengeAction({ ...values, next }),
    { recoveryCode: "" },
    go,
  );
  return (
    <form method="post" {...formProps}>
      <p className="text-body-secondary">
        Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once.
      </p>
      <OutcomeAlert outcome={result} />
      <FormField id="recoveryCode" label="Recovery code" error={error("recoveryCode")}>
        <input
          {...fieldProps("recoveryCode", error("recoveryCode"))}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          {...field("recoveryCode")}
        />
      </FormField>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {submitting ? "Checking…" : "Verify"}
      </button>
    </form>
  );
}

export function ChallengeForm({ next }: { next: string }) {
  const [method, setMethod] = useState<"totp" | "recovery">("totp");
  return (
    <>
      {method === "totp" ? <CodeForm next={next} /> : <RecoveryForm next={next} />}
      <p className="mt-3 mb-0 small">
        <button type="button" className="btn btn-link btn-sm p-0" onClick={() => setMethod(method === "totp" ? "recovery" : "totp")}>
          {method === "totp" ? "Use a recovery code instead" : "Use your authenticator app instead"}
        </button>
      </p>
    </>
  );
}
