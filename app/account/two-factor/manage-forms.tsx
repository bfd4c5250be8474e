"use client";

import { useState, useTransition } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { ActionResult } from "@/lib/http/action";
import { regenerateRecoveryCodesSchema } from "@/lib/two-factor/schemas";
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

/** Behind "confirm it's you" on the page, so one click is enough here. */
export function DisableTwoFactorButton() {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<ActionResult>();
  return (
    <>
      <FormAlert variant={result?.ok ? "success" : "danger"} message={result?.ok ? result.message : result?.formError} />
      <p className="text-body-secondary">Your password alone will sign you in again.</p>
      <button type="button" className="btn btn-outline-danger" disabled={pending || !hydrated} onClick={() => startTransition(async () => setResult(await disableTwoFactorAction({})))}>
        {pending ? "Turning off…" : "Turn off two-factor sign-in"}
      </button>
    </>
  );
}
