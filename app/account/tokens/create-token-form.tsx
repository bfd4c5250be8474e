"use client";

import { useState } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { createTokenAction } from "./actions";

type Props = { permissions: { key: string; description: string }[]; maxDays: number };

/**
 * Name, scopes from what the person holds, lifetime; the new token is shown here once, with a copy button. The
 * server action's schema judges the input (useActionForm): the scopes are ticked boxes, the lifetime a number.
 */
export function CreateTokenForm({ permissions, maxDays }: Props) {
  const [scopes, setScopes] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);
  const { formProps, pending, submitting, result, error, field } = useActionForm(
    ({ name, expiresInDays }: { name: string; expiresInDays: string; scopes: string[] }) => {
      setCopied(false);
      return createTokenAction({ name, scopes, expiresInDays: Number(expiresInDays) });
    },
    { name: "", expiresInDays: "90", scopes: [] },
    (_result, { form }) => {
      form.reset();
      setScopes([]);
    },
  );
  const errors = { name: error("name"), scopes: error("scopes"), expiresInDays: error("expiresInDays") };

  const toggle = (key: string) => setScopes((all) => (all.includes(key) ? all.filter((k) => k !== key) : [...all, key]));

  const token = result?.ok ? result.value.token : null;
  const copy = async () => {
    if (!token) return;
    await navigator.clipboard.writeText(token);
    setCopied(true);
  };

  return (
    <>
      {token ? (
        <div className="alert alert-warning" role="status">
          <p className="fw-semibold mb-2">Copy your new token now. It will not be shown again.</p>
          <div className="input-group">
            <input
              className="form-control font-monospace"
              readOnly
              value={token}
              aria-label="Your new token"
              data-testid="new-token"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="btn btn-outline-dark" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="small mb-0 mt-2">
            Send it as <code className="text-reset">Authorization: Bearer &lt;token&gt;</code>. Keep it as secret as a password.
          </p>
        </div>
      ) : (
        <OutcomeAlert outcome={result} />
      )}
      <form method="post" {...formProps} aria-label="Create a token">
        <FormField id="token-name" label="Name" error={errors.name} hint="What it is for, such as the script or machine that uses it.">
          <input {...fieldProps("token-name", errors.name, true)} maxLength={80} {...field("name")} />
        </FormField>
        <fieldset className="mb-3" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
          <legend className="form-label fs-6 mb-1">What it may do</legend>
          <p className="form-text mt-0">Only permissions you hold. If one is later taken from you, the token loses it too.</p>
          <div className="border rounded p-2 scope-picker">
            {permissions.map((permission) => (
              <div className="form-check" key={permission.key}>
                <input
                  className={`form-check-input${errors.scopes ? " is-invalid" : ""}`}
                  type="checkbox"
                  id={`scope-${permission.key}`}
                  checked={scopes.includes(permission.key)}
                  onChange={() => toggle(permission.key)}
                />
                <label className="form-check-label" htmlFor={`scope-${permission.key}`}>
                  <code>{permission.key}</code> <span className="text-body-secondary small">{permission.description}</span>
                </label>
              </div>
            ))}
            {permissions.length === 0 && <p className="small text-body-secondary mb-0">You hold no permissions a token could carry.</p>}
          </div>
          {errors.scopes && (
            <div id="token-scopes-error" className="invalid-feedback d-block" role="alert">
              {errors.scopes}
            </div>
          )}
        </fieldset>
        <FormField id="token-days" label="Expires after (days)" error={errors.expiresInDays} hint={`1 to ${maxDays} days.`}>
          <input
            {...fieldProps("token-days", errors.expiresInDays, true)}
            className={`form-control w-auto${errors.expiresInDays ? " is-invalid" : ""}`}
            type="number"
            min={1}
            max={maxDays}
            {...field("expiresInDays")}
          />
        </FormField>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {submitting ? "Creating…" : "Create token"}
        </button>
      </form>
    </>
  );
}
