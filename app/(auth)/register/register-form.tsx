"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { PasswordStrength } from "@/components/password-strength";
import { registerSchema, type RegisterInput } from "@/lib/accounts/schemas";
import { registerAction } from "./actions";

export function RegisterForm({ minLength }: { minLength: number }) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const [registeredEmail, setRegisteredEmail] = useState<string>();
  const form = useForm<RegisterInput>({
    resolver: zodResolver(registerSchema),
    defaultValues: { firstName: "", lastName: "", email: "", dateOfBirth: "", password: "", confirmPassword: "" },
  });
  const { errors } = form.formState;
  const [password, email, firstName, lastName] = useWatch({ control: form.control, name: ["password", "email", "firstName", "lastName"] });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await registerAction(values);
      if (result.ok) return setRegisteredEmail(values.email.trim().toLowerCase());
      setFormError(result.formError);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as Path<RegisterInput>, { message: messages[0] });
      }
    }),
  );

  if (registeredEmail) {
    return (
      <div className="alert alert-success" role="status">
        <h2 className="h5">Check your inbox</h2>
        If {registeredEmail} can be registered, a confirmation link is on its way to it. Open it within 24 hours to finish
        creating your account.
      </div>
    );
  }

  const error = (name: keyof RegisterInput) => errors[name]?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
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
      <FormField id="password" label="Password" error={error("password")} hint={`At least ${minLength} characters. A few unrelated words make a strong, memorable password.`}>
        <input {...fieldProps("password", error("password"), true)} type="password" autoComplete="new-password" {...form.register("password")} />
        <PasswordStrength password={password} userInputs={[email, firstName, lastName]} />
      </FormField>
      <FormField id="confirmPassword" label="Confirm password" error={error("confirmPassword")}>
        <input {...fieldProps("confirmPassword", error("confirmPassword"))} type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
      </FormField>
      <button type="submit" className="btn btn-primary w-100" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
