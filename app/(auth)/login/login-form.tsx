"use client";

import Link from "next/link";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { loginSchema } from "@/lib/accounts/schemas";
import { loginAction } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const { form, pending, result, onSubmit, error } = useActionForm(
    loginSchema,
    (values) => loginAction({ ...values, next }),
    { email: "", password: "", rememberMe: false },
    // A full page load, so everything rendered for the visitor (the navbar too) renders for the user.
    (success) => window.location.assign(success.value),
  );
  const unverified = result?.ok === false && result.code === "email_unverified";

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      {unverified && (
        <p className="small">
          <Link href={`/verify-email/resend?email=${encodeURIComponent(form.getValues("email"))}`}>Send me a new confirmation link</Link>
        </p>
      )}
      <FormField id="email" label="Email address" error={error("email")}>
        <input {...fieldProps("email", error("email"))} type="email" autoComplete="username" {...form.register("email")} />
      </FormField>
      <FormField id="password" label="Password" error={error("password")}>
        <input
          {...fieldProps("password", error("password"))}
          type="password"
          autoComplete="current-password"
          {...form.register("password")}
        />
      </FormField>
      <div className="form-check mb-3">
        <input className="form-check-input" type="checkbox" id="rememberMe" {...form.register("rememberMe")} />
        <label className="form-check-label" htmlFor="rememberMe">
          Keep me signed in on this device
        </label>
      </div>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending && form.formState.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
