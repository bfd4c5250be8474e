"use client";

import { useState, useTransition } from "react";
import { FormAlert, OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { confirmEnrolmentAction, startEnrolmentAction } from "./actions";
import { RecoveryCodes } from "./recovery-codes";

export function StartEnrolmentButton() {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  return (
    <>
      <OutcomeAlert outcome={result} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={pending || !hydrated}
        onClick={() => startTransition(async () => setResult(await startEnrolmentAction({})))}
      >
        {pending ? "Preparing…" : "Set up two-factor sign-in"}
      </button>
    </>
  );
}

type Props = { qrSvg: string; manualKey: string; continueTo: string };

/** Scan (or type), prove it with a code, then keep the recovery codes. */
export function EnrolmentSteps({ qrSvg, manualKey, continueTo }: Props) {
  const { formProps, pending, submitting, result, error, field } = useActionForm(confirmEnrolmentAction, { code: "" });
  if (result?.ok) {
    return (
      <>
        <FormAlert
          variant="success"
          message="Two-factor sign-in is on. From now on you sign in with your password and a code from your app."
        />
        <RecoveryCodes codes={result.value} />
        {/* A full page load: the rest of the system opens up now that two-factor is on. */}
        <a href={continueTo} className="btn btn-primary mt-3">
          I have saved my codes, continue
        </a>
      </>
    );
  }
  return (
    <ol className="list-unstyled mb-0">
      <li className="mb-4">
        <h2 className="h6">1. Scan this code with your authenticator app</h2>
        <p className="small text-body-secondary">
          Any TOTP app works: 1Password, Bitwarden, Google Authenticator, Microsoft Authenticator, Aegis…
        </p>
        <div
          className="qr-code border rounded d-inline-block"
          role="img"
          aria-label="QR code for your authenticator app"
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
      </li>
      <li className="mb-4">
        <h2 className="h6">2. Or type this key into the app</h2>
        <code className="d-inline-block fs-6 p-2 bg-body-tertiary rounded user-select-all" data-testid="manual-key">
          {manualKey}
        </code>
      </li>
      <li>
        <h2 className="h6">3. Enter the code the app shows</h2>
        <form method="post" {...formProps} className="enrol-code-form">
          <OutcomeAlert outcome={result} />
          <FormField id="code" label="Authentication code" error={error("code")}>
            <input
              {...fieldProps("code", error("code"))}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              {...field("code")}
            />
          </FormField>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {submitting ? "Checking…" : "Turn on two-factor sign-in"}
          </button>
        </form>
      </li>
    </ol>
  );
}
