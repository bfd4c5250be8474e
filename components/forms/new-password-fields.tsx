import { PasswordStrength } from "@/components/password-strength";
import { FormField, fieldProps } from "./form-field";

/** "New password" and "confirm" with the strength meter: registration, reset and change all use it. */
export function NewPasswordFields(props: {
  /** What is typed in the password field now, for the meter. */
  password: string;
  userInputs: string[];
  minLength: number;
  errors: { password?: string; confirmPassword?: string };
  label?: string;
}) {
  const label = props.label ?? "Password";
  return (
    <>
      <FormField
        id="password"
        label={label}
        error={props.errors.password}
        hint={`At least ${props.minLength} characters. A few unrelated words make a strong, memorable password.`}
      >
        <input {...fieldProps("password", props.errors.password, true)} name="password" type="password" autoComplete="new-password" />
        <PasswordStrength password={props.password} userInputs={props.userInputs} />
      </FormField>
      <FormField id="confirmPassword" label={`Confirm ${label.toLowerCase()}`} error={props.errors.confirmPassword}>
        <input
          {...fieldProps("confirmPassword", props.errors.confirmPassword)}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
        />
      </FormField>
    </>
  );
}
