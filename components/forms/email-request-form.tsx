"use client";

import { FormAlert, OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { Outcome } from "@/lib/outcome";

/** "Send me a link" forms (reset password, new confirmation link): one address in, a neutral answer out. */
export function EmailRequestForm({
  action,
  submitLabel,
  email = "",
}: {
  action: (input: { email: string }) => Promise<Outcome>;
  submitLabel: string;
  email?: string;
}) {
  const { formProps, pending, result, error, field } = useActionForm(action, { email });
  if (result?.ok) return <FormAlert variant="success" message={result.message} />;
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id="email" label="Email address" error={error("email")}>
        <input {...fieldProps("email", error("email"))} type="email" autoComplete="email" {...field("email")} />
      </FormField>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
