"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ProfileInput } from "@/lib/accounts/schemas";
import { updateProfileAction } from "./actions";

export function ProfileForm({ defaults }: { defaults: ProfileInput }) {
  const { formProps, pending, result, error, field } = useActionForm(updateProfileAction, defaults);
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id="firstName" label="First name" error={error("firstName")}>
        <input {...fieldProps("firstName", error("firstName"))} autoComplete="given-name" {...field("firstName")} />
      </FormField>
      <FormField id="lastName" label="Last name" error={error("lastName")}>
        <input {...fieldProps("lastName", error("lastName"))} autoComplete="family-name" {...field("lastName")} />
      </FormField>
      <FormField id="dateOfBirth" label="Date of birth" error={error("dateOfBirth")}>
        <input {...fieldProps("dateOfBirth", error("dateOfBirth"))} type="date" autoComplete="bday" {...field("dateOfBirth")} />
      </FormField>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}
