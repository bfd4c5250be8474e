"use client";

import { useState } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { registerAction } from "./actions";

export function RegisterForm({ minLength }: { minLength: number }) {
  const [registeredEmail, setRegisteredEmail] = useState<string>();
  const { formProps, pending, result, error, field, values } = useActionForm(
    registerAction,
    { firstName: "", lastName: "", email: "", dateOfBirth: "", password: "", confirmPassword: "" },
    (_result, { values }) => setRegisteredEmail(values.email.trim().toLowerCase()),
  );

  if (registeredEmail) {
    return (
      <div className="alert alert-success" role="status">
        <h2 className="h5">Check your inbox</h2>
        If {registeredEmail} can be registered, a confirmation link is on its way to it. Open it within 24 hours to finish creating your
        account.
      </div>
    );
  }

  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <div className="row">
        <div className="col-sm-6">
          <FormField id="firstName" label="First name" error={error("firstName")}>
            <input {...fieldProps("firstName", error("firstName"))} autoComplete="given-name" {...field("firstName")} />
          </FormField>
        </div>
        <div className="col-sm-6">
          <FormField id="lastName" label="Last name" error={error("lastName")}>
            <input {...fieldProps("lastName", error("lastName"))} autoComplete="family-name" {...field("lastName")} />
          </FormField>
        </div>
      </div>
      <FormField id="email" label="Email address" error={error("email")}>
        <input {...fieldProps("email", error("email"))} type="email" autoComplete="email" {...field("email")} />
      </FormField>
      <FormField id="dateOfBirth" label="Date of birth" error={error("dateOfBirth")}>
        <input {...fieldProps("dateOfBirth", error("dateOfBirth"))} type="date" autoComplete="bday" {...field("dateOfBirth")} />
      </FormField>
      <NewPasswordFields
        password={values.password}
        userInputs={[values.email, values.firstName, values.lastName]}
        minLength={minLength}
        errors={{ password: error("password"), confirmPassword: error("confirmPassword") }}
      />
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
