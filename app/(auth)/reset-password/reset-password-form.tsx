"use client";

import { DoneThenSignIn } from "@/components/forms/done-then-sign-in";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { resetPasswordAction } from "../forgot-password/actions";

export function ResetPasswordForm({ token, minLength, userInputs }: { token: string; minLength: number; userInputs: string[] }) {
  const { formProps, pending, result, error, values } = useActionForm(resetPasswordAction, {
    token,
    password: "",
    confirmPassword: "",
  });
  if (result?.ok) {
    return <DoneThenSignIn message={result.message} />;
  }
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <NewPasswordFields
        password={values.password}
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
