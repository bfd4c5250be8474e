"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm() {
  const { formProps, pending, result, error, field } = useActionForm(changeEmailAction, { newEmail: "" }, (_result, { form }) =>
    form.reset(),
  );
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id="newEmail" label="New email address" error={error("newEmail")}>
        <input {...fieldProps("newEmail", error("newEmail"))} type="email" autoComplete="email" {...field("newEmail")} />
      </FormField>
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        Send a confirmation link
      </button>
    </form>
  );
}
