"use client";

import { useWatch } from "react-hook-form";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ minLength, userInputs }: { minLength: number; userInputs: string[] }) {
  const { form, pending, result, onSubmit, error } = useActionForm(
    changePasswordSchema,
    changePasswordAction,
    { currentPassword: "", password: "", confirmPassword: "" },
    (_result, form) => form.reset(),
  );
  const password = useWatch({ control: form.control, name: "password" });
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <FormField id="currentPassword" label="Current password" error={error("currentPassword")}>
        <input
          {...fieldProps("currentPassword", error("currentPassword"))}
          type="password"
          autoComplete="current-password"
          {...form.register("currentPassword")}
        />
      </FormField>
      <NewPasswordFields
        label="New password"
        register={form.register}
        password={password}
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
