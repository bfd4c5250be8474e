"use client";

import type { UseFormRegister } from "react-hook-form";
import { PasswordStrength } from "@/components/password-strength";
import { FormField, fieldProps } from "./form-field";

type PasswordFields = { password: string; confirmPassword: string };

/** "New password" and "confirm" with the strength meter: registration, reset and change all use it. */
export function NewPasswordFields<T extends PasswordFields>(props: {
  register: UseFormRegister<T>;
  password: string;
  userInputs: string[];
  minLength: number;
  errors: { password?: string; confirmPassword?: string };
  label?: string;
}) {
  const register = props.register as unknown as UseFormRegister<PasswordFields>;
  const label = props.label ?? "Password";
  return (
    <>
      <FormField
        id="password"
        label={label}
        error={props.errors.password}
        hint={`At least ${props.minLength} characters. A few unrelated words make a strong, memorable password.`}
      >
        <input
          {...fieldProps("password", props.errors.password, true)}
          type="password"
          autoComplete="new-password"
          {...register("password")}
        />
        <PasswordStrength password={props.password} userInputs={props.userInputs} />
      </FormField>
      <FormField id="confirmPassword" label={`Confirm ${label.toLowerCase()}`} error={props.errors.confirmPassword}>
        <input
          {...fieldProps("confirmPassword", props.errors.confirmPassword)}
          type="password"
          autoComplete="new-password"
          {...register("confirmPassword")}
        />
      </FormField>
    </>
  );
}
