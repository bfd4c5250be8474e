"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ minLength, userInputs }: { minLength: number; userInputs: string[] }) {
  const { formProps, pending, result, error, field, values } = useActionForm(
    changePasswordAction,
    { currentPassword: "", password: "", confirmPassword: "" },
    (_result, { form }) => form.reset(),
  );
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id="currentPassword" label="Current password" error={error("currentPassword")}>
        <input
          {...fieldProps("currentPassword", error("currentPassword"))}
          type="password"
          autoComplete="current-password"
          {...field("currentPassword")}
        />
      </FormField>
      <NewPasswordFields
        label="New password"
        password={values.password}
        userInputs={userInputs}
        minLength={minLength}
        errors={{ password: error("password"), confirmPassword: error("confirmPassword") }}
      />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
