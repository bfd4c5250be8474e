"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { resendVerificationSchema } from "@/lib/accounts/schemas";
import type { ActionResult } from "@/lib/http/action";
import { resendVerificationAction } from "../actions";

export function ResendForm({ email }: { email: string }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult>();
  const form = useForm<z.input<typeof resendVerificationSchema>>({ resolver: zodResolver(resendVerificationSchema), defaultValues: { email } });
  const error = form.formState.errors.email?.message;

  if (result?.ok) return <FormAlert variant="success" message={result.message} />;
  return (
    <form onSubmit={form.handleSubmit((values) => startTransition(async () => setResult(await resendVerificationAction(values))))} noValidate>
      <FormAlert message={result && !result.ok ? result.formError : undefined} />
      <FormField id="email" label="Email address" error={error}>
        <input {...fieldProps("email", error)} type="email" autoComplete="email" {...form.register("email")} />
      </FormField>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        Send a new link
      </button>
    </form>
  );
}
