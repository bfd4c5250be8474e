"use client";

import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { disableTwoFactorSchema, regenerateRecoveryCodesSchema } from "@/lib/two-factor/schemas";
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from "./actions";
import { RecoveryCodes } from "./recovery-codes";

export function RegenerateCodesForm() {
  const { form, pending, result, onSubmit, error } = useActionForm(regenerateRecoveryCodesSchema, regenerateRecoveryCodesAction, { proof: "" }, (_r, form) => form.reset());
  if (result?.ok && result.data) return <RecoveryCodes codes={result.data} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert message={result?.ok === false ? result.formError : undefined} />
      <FormField id="proof" label="Your password or a current code" error={error("proof")} hint="The old codes stop working once the new ones are made.">
        <input {...fieldProps("proof", error("proof"), true)} type="password" autoComplete="current-password" {...form.register("proof")} />
      </FormField>
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        {pending && form.formState.isSubmitting ? "Making codes…" : "Make new recovery codes"}
      </button>
    </form>
  );
}

export function DisableTwoFactorForm() {
  const { form, pending, result, onSubmit, error } = useActionForm(disableTwoFactorSchema, disableTwoFactorAction, { password: "", code: "" });
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert variant={result?.ok ? "success" : "danger"} message={result?.ok ? result.message : result?.formError} />
      <FormField id="disable-password" label="Password" error={error("password")}>
        <input {...fieldProps("disable-password", error("password"))} type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <FormField id="disable-code" label="Current code from your app" error={error("code")}>
        <input {...fieldProps("disable-code", error("code"))} inputMode="numeric" autoComplete="one-time-code" maxLength={7} {...form.register("code")} />
      </FormField>
      <button type="submit" className="btn btn-outline-danger" disabled={pending}>
        {pending && form.formState.isSubmitting ? "Turning off…" : "Turn off two-factor sign-in"}
      </button>
    </form>
  );
}
