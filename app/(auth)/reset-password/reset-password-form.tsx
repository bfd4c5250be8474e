"use client";

import { useWatch } from "react-hook-form";
import { DoneThenSignIn } from "@/components/forms/done-then-sign-in";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { resetPasswordSchema } from "@/lib/accounts/schemas";
import { resetPasswordAction } from "../forgot-password/actions";

export function ResetPasswordForm({ token, minLength, userInputs }: { token: string; minLength: number; userInputs: string[] }) {
  const { form, pending, result, onSubmit, error } = useActionForm(resetPasswordSchema, resetPasswordAction, {
    token,
    password: "",
    confirmPassword: "",
  });
  const password = useWatch({ control: form.control, name: "password" });
  if (result?.ok) {
    return <DoneThenSignIn message={result.message} />;
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <NewPasswordFields
        register={form.register}
        password={password}
        userInputs={userInputs}
        minLength={minLength}
        errors={{ password: error("password"), confirmPassword: error("confirmPassword") }}
      />
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending ? "Saving…" : "Save my new password"}
      </button>
    </form>
  );
}
