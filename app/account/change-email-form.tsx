"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { changeEmailSchema } from "@/lib/accounts/schemas";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm() {
  const { form, pending, result, onSubmit, error } = useActionForm(
    changeEmailSchema,
    changeEmailAction,
    { newEmail: "" },
    (_result, form) => form.reset(),
  );
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <FormField id="newEmail" label="New email address" error={error("newEmail")}>
        <input {...fieldProps("newEmail", error("newEmail"))} type="email" autoComplete="email" {...form.register("newEmail")} />
      </FormField>
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        Send a confirmation link
      </button>
    </form>
  );
}
