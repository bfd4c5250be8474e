"use client";

import { Link } from "@/components/link";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { loginAction } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const { formProps, pending, submitting, result, error, field, values } = useActionForm(
    (values) => loginAction({ ...values, next }),
    { email: "", password: "", rememberMe: false },
    // A full page load, so everything rendered for the visitor (the navbar too) renders for the user.
    (success) => window.location.assign(success.value),
  );
  const unverified = result?.ok === false && result.code === "email_unverified";

  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      {unverified && (
        <p className="small">
          <Link href={`/verify-email/resend?email=${encodeURIComponent(values.email)}`}>Send me a new confirmation link</Link>
        </p>
      )}
      <FormField id="email" label="Email address" error={error("email")}>
        <input {...fieldProps("email", error("email"))} type="email" autoComplete="username" {...field("email")} />
      </FormField>
      <FormField id="password" label="Password" error={error("password")}>
        <input {...fieldProps("password", error("password"))} type="password" autoComplete="current-password" {...field("password")} />
      </FormField>
      <div className="form-check mb-3">
        <input className="form-check-input" type="checkbox" id="rememberMe" name="rememberMe" />
        <label className="form-check-label" htmlFor="rememberMe">
          Keep me signed in on this device
        </label>
      </div>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {submitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
