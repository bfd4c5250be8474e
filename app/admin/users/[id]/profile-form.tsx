"use client";

import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { adminProfileSchema, type AdminProfileInput } from "@/lib/users/schemas";
import { updateUserProfileAction } from "../actions";

export function AdminProfileForm({ defaults, readOnly }: { defaults: AdminProfileInput; readOnly: boolean }) {
  const { form, pending, result, onSubmit, error } = useActionForm(adminProfileSchema, updateUserProfileAction, defaults);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert variant={result?.ok ? "success" : "danger"} message={result?.ok ? result.message : result?.formError} />
      <fieldset disabled={readOnly}>
        <div className="row g-2">
          <div className="col-sm-6">
            <FormField id="firstName" label="First name" error={error("firstName")}>
              <input {...fieldProps("firstName", error("firstName"))} autoComplete="off" {...form.register("firstName")} />
            </FormField>
          </div>
          <div className="col-sm-6">
            <FormField id="lastName" label="Last name" error={error("lastName")}>
              <input {...fieldProps("lastName", error("lastName"))} autoComplete="off" {...form.register("lastName")} />
            </FormField>
          </div>
        </div>
        <FormField id="dateOfBirth" label="Date of birth" error={error("dateOfBirth")}>
          <input {...fieldProps("dateOfBirth", error("dateOfBirth"))} type="date" {...form.register("dateOfBirth")} />
        </FormField>
        {!readOnly && (
          <button type="submit" className="btn btn-primary btn-sm" disabled={pending}>
            {pending && form.formState.isSubmitting ? "Saving…" : "Save profile"}
          </button>
        )}
      </fieldset>
    </form>
  );
}
