"use client";

import { useState } from "react";
import { useWatch } from "react-hook-form";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { registerSchema } from "@/lib/accounts/schemas";
import { registerAction } from "./actions";

export function RegisterForm({ minLength }: { minLength: number }) {
  const [registeredEmail, setRegisteredEmail] = useState<string>();
  const { form, pending, result, onSubmit, error } = useActionForm(
    registerSchema,
    registerAction,
    { firstName: "", lastName: "", email: "", dateOfBirth: "", password: "", confirmPassword: "" },
    (_result, form) => setRegisteredEmail(form.getValues("email").trim().toLowerCase()),
  );
  const [password, email, firstName, lastName] = useWatch({ control: form.control, name: ["password", "email", "firstName", "lastName"] });

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
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <div className="row">
        <div className="col-sm-6">
          <FormField id="firstName" label="First name" error={error("firstName")}>
            <input {...fieldProps("firstName", error("firstName"))} autoComplete="given-name" {...form.register("firstName")} />
          </FormField>
        </div>
        <div className="col-sm-6">
          <FormField id="lastName" label="Last name" error={error("lastName")}>
            <input {...fieldProps("lastName", error("lastName"))} autoComplete="family-name" {...form.register("lastName")} />
          </FormField>
        </div>
      </div>
      <FormField id="email" label="Email address" error={error("email")}>
        <input {...fieldProps("email", error("email"))} type="email" autoComplete="email" {...form.register("email")} />
      </FormField>
      <FormField id="dateOfBirth" label="Date of birth" error={error("dateOfBirth")}>
        <input {...fieldProps("dateOfBirth", error("dateOfBirth"))} type="date" autoComplete="bday" {...form.register("dateOfBirth")} />
      </FormField>
      <NewPasswordFields
        register={form.register}
        password={password}
        userInputs={[email, firstName, lastName]}
        minLength={minLength}
        errors={{ password: error("password"), confirmPassword: error("confirmPassword") }}
      />
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
