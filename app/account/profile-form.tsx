"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type Path } from "react-hook-form";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { profileSchema, type ProfileInput } from "@/lib/accounts/schemas";
import type { ActionResult } from "@/lib/http/action";
import { updateProfileAction } from "./actions";

export function ProfileForm({ defaults }: { defaults: ProfileInput }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult>();
  const form = useForm<ProfileInput>({ resolver: zodResolver(profileSchema), defaultValues: defaults });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await updateProfileAction(values);
      setResult(outcome);
      if (!outcome.ok) for (const [field, messages] of Object.entries(outcome.fieldErrors ?? {})) form.setError(field as Path<ProfileInput>, { message: messages[0] });
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert variant={result?.ok ? "success" : "danger"} message={result?.ok ? result.message : result?.formError} />
      <FormField id="firstName" label="First name" error={errors.firstName?.message}>
        <input {...fieldProps("firstName", errors.firstName?.message)} autoComplete="given-name" {...form.register("firstName")} />
      </FormField>
      <FormField id="lastName" label="Last name" error={errors.lastName?.message}>
        <input {...fieldProps("lastName", errors.lastName?.message)} autoComplete="family-name" {...form.register("lastName")} />
      </FormField>
      <FormField id="dateOfBirth" label="Date of birth" error={errors.dateOfBirth?.message}>
        <input {...fieldProps("dateOfBirth", errors.dateOfBirth?.message)} type="date" autoComplete="bday" {...form.register("dateOfBirth")} />
      </FormField>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}
