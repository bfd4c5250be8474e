"use client";

import { useEffect } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import { systemConfig } from "@/system.config";
import { reauthenticateAction } from "./actions";
import type { ReauthenticationMethods } from "./confirm-its-you";
import { confirmWithProviderAction } from "./provider-actions";

/** What "Confirm it's you" opens: loaded on the way to the click (confirm-its-you.tsx), not with the page. */
export function ReauthenticateForms({
  twoFactor,
  id,
  methods,
  onCancel,
}: {
  twoFactor: boolean;
  id: string;
  methods?: ReauthenticationMethods;
  onCancel: () => void;
}) {
  const hasPassword = methods?.hasPassword ?? true;
  return (
    <>
      {(hasPassword || twoFactor) && <ReauthenticateForm twoFactor={twoFactor} hasPassword={hasPassword} id={id} onCancel={onCancel} />}
      <ConfirmWithProvider providers={methods?.providers ?? []} />
    </>
  );
}

/** A fresh sign-in at a linked provider proves it too; it comes back to this page. */
function ConfirmWithProvider({ providers }: { providers: ReauthenticationMethods["providers"] }) {
  const hydrated = useHydrated();
  if (providers.length === 0) return null;
  return (
    <div className="d-flex flex-wrap gap-2 mt-2">
      {providers.map((provider) => (
        <form key={provider.id} action={confirmWithProviderAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="returnTo" value={hydrated ? window.location.pathname : "/account"} />
          <button type="submit" className="btn btn-outline-secondary btn-sm">
            Confirm with {provider.label}
          </button>
        </form>
      ))}
    </div>
  );
}

type FormProps = { twoFactor: boolean; hasPassword: boolean; id: string; onCancel: () => void };

function ReauthenticateForm({ twoFactor, hasPassword, id, onCancel }: FormProps) {
  const { formProps, pending, submitting, result, error, field, values } = useActionForm(reauthenticateAction, {
    method: hasPassword ? "password" : "code",
    password: "",
    code: "",
  });
  const method = values.method;
  const inputId = `${id}-${method}`;
  // Opened by a click on the button it replaces: the focus goes on to the field, not back to the page's top.
  const firstField = `${id}-${hasPassword ? "password" : "code"}`;
  useEffect(() => {
    document.getElementById(firstField)?.focus();
  }, [firstField]);
  return (
    <form method="post" {...formProps} className="border rounded p-3 bg-body-tertiary" aria-labelledby={`${id}-reauth-heading`}>
      <h3 id={`${id}-reauth-heading`} className="h6">
        Confirm it&apos;s you
      </h3>
      <p className="small text-body-secondary">
        {hasPassword ? `Enter your password${twoFactor ? " or a current code from your app" : ""}` : "Enter a current code from your app"}.
        It counts for {systemConfig.accounts.reauthenticationMinutes} minutes.
      </p>
      <OutcomeAlert outcome={result} />
      {twoFactor && hasPassword && (
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
