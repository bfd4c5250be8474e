"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { AdminProfileInput } from "@/lib/users/schemas";
import { updateUserProfileAction } from "../actions";

/** `readOnlyReason` says why the form cannot be used (shown, and read out with the fields); null when it can. */
export function AdminProfileForm({ defaults, readOnlyReason }: { defaults: AdminProfileInput; readOnlyReason: React.ReactNode }) {
  const readOnly = readOnlyReason !== null && readOnlyReason !== undefined;
  const { formProps, pending, submitting, result, error, field } = useActionForm(updateUserProfileAction, defaults);
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      {readOnly && (
        <p id="profile-read-only" className="small text-body-secondary">
          {readOnlyReason}
        </p>
      )}
      <fieldset disabled={readOnly} aria-describedby={readOnly ? "profile-read-only" : undefined}>
        <div className="row g-2">
          <div className="col-sm-6">
            <FormField id="firstName" label="First name" error={error("firstName")}>
              <input {...fieldProps("firstName", error("firstName"))} autoComplete="off" {...field("firstName")} />
            </FormField>
          </div>
          <div className="col-sm-6">
            <FormField id="lastName" label="Last name" error={error("lastName")}>
              <input {...fieldProps("lastName", error("lastName"))} autoComplete="off" {...field("lastName")} />
            </FormField>
          </div>
        </div>
        <FormField id="dateOfBirth" label="Date of birth" error={error("dateOfBirth")}>
          <input {...fieldProps("dateOfBirth", error("dateOfBirth"))} type="date" {...field("dateOfBirth")} />
        </FormField>
        {!readOnly && (
          <button type="submit" className="btn btn-primary btn-sm" disabled={pending}>
            {submitting ? "Saving…" : "Save profile"}
          </button>
        )}
      </fieldset>
    </form>
  );
}
