"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { loginSchema, type LoginInput } from "@/lib/accounts/schemas";
import { loginAction } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const [unverified, setUnverified] = useState(false);
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { email: "", password: "", rememberMe: false } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await loginAction({ ...values, next });
      // A full page load, so everything rendered for the visitor (the navbar too) renders for the user.
      if (result.ok) return window.location.assign(result.message ?? "/account");
      setFormError(result.formError);
      setUnverified(result.fieldErrors?.email?.[0] === "unverified");
      form.setValue("password", "");
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      {unverified && (
        <p className="small">
          <Link href={`/verify-email/resend?email=${encodeURIComponent(form.getValues("email"))}`}>Send me a new confirmation link</Link>
        </p>
      )}
      <FormField id="email" label="Email address" error={errors.email?.message}>
        <input {...fieldProps("email", errors.email?.message)} type="email" autoComplete="username" {...form.register("email")} />
      </FormField>
      <FormField id="password" label="Password" error={errors.password?.message}>
        <input {...fieldProps("password", errors.password?.message)} type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <div className="form-check mb-3">
        <input className="form-check-input" type="checkbox" id="rememberMe" {...form.register("rememberMe")} />
        <label className="form-check-label" htmlFor="rememberMe">
          Keep me signed in on this device
        </label>
      </div>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
