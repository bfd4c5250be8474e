"use client";

import { useState } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import { systemConfig } from "@/system.config";
import { reauthenticateAction } from "./actions";

type Props = {
  /** The page found a confirmation (or a sign-in) within the last few minutes. */
  recent: boolean;
  twoFactor: boolean;
  /** Keeps ids apart when a page holds more than one gate. */
  id: string;
  /** The button that opens the form, named after what the user came to do. */
  label: string;
  children: React.ReactNode;
};

/**
 * Shows `children` (the sensitive controls) once this session has recently proved who it is; until then a
 * button opens a small "Confirm it's you" form. The action re-renders the page, which then passes `recent`.
 */
export function ConfirmItsYou({ recent, twoFactor, id, label, children }: Props) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  if (recent) return children;
  if (!open) {
    return (
      <button type="button" className="btn btn-outline-primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return <ReauthenticateForm twoFactor={twoFactor} id={id} onCancel={() => setOpen(false)} />;
}

function ReauthenticateForm({ twoFactor, id, onCancel }: { twoFactor: boolean; id: string; onCancel: () => void }) {
  const { formProps, pending, submitting, result, error, field, values } = useActionForm(reauthenticateAction, {
    method: "password",
    password: "",
    code: "",
  });
  const method = values.method;
  const inputId = `${id}-${method}`;
  return (
    <form method="post" {...formProps} className="border rounded p-3 bg-body-tertiary" aria-labelledby={`${id}-reauth-heading`}>
      <h3 id={`${id}-reauth-heading`} className="h6">
        Confirm it&apos;s you
      </h3>
      <p className="small text-body-secondary">
        Enter your password{twoFactor ? " or a current code from your app" : ""}. It counts for{" "}
        {systemConfig.accounts.reauthenticationMinutes} minutes.
      </p>
      <OutcomeAlert outcome={result} />
      {twoFactor && (
        <fieldset className="mb-3">
          <legend className="visually-hidden">Confirm with</legend>
          <div className="btn-group" role="group">
            <input type="radio" className="btn-check" id={`${id}-with-password`} name="method" value="password" defaultChecked />
            <label className="btn btn-outline-secondary btn-sm" htmlFor={`${id}-with-password`}>
              Password
            </label>
            <input type="radio" className="btn-check" id={`${id}-with-code`} name="method" value="code" />
            <label className="btn btn-outline-secondary btn-sm" htmlFor={`${id}-with-code`}>
              Code from my app
            </label>
          </div>
        </fieldset>
      )}
      {method === "code" ? (
        <FormField id={inputId} label="Current code from your app" error={error("code")}>
          <input
            {...fieldProps(inputId, error("code"))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            {...field("code")}
          />
        </FormField>
      ) : (
        <FormField id={inputId} label="Your password" error={error("password")}>
          <input {...fieldProps(inputId, error("password"))} type="password" autoComplete="current-password" {...field("password")} />
        </FormField>
      )}
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {submitting ? "Checking…" : "Confirm"}
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
