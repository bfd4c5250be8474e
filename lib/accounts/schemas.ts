import { z } from "zod/mini";
import { systemConfig } from "@/system.config";

// Shared by the forms (validated in the browser by components/forms/use-action-form.ts) and the server actions
// that receive them. zod/mini keeps the forms' pages light; the server adds what the browser cannot check: the
// common-password list and uniqueness.

export const emailField = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "Enter your email address."), z.maxLength(254, "That email address is too long.")),
  z.email("Enter a valid email address, like name@example.com.").check(z.toLowerCase()),
);

/**
 * A person's name in any script: letters, combining marks, spaces, apostrophes, hyphens and periods. Names go
 * into emails and the admin console, so no line breaks, markup or anything a mail client turns into a link
 * ("evil.example": a period directly before two letters). `whose` words the messages: "your" or "a".
 */
export const nameField = (label: string, whose: "your" | "a" = "your") => {
  const the = whose === "your" ? "your" : "the";
  return z.string().check(
    z.trim(),
    z.normalize("NFC"),
    z.minLength(1, `Enter ${whose} ${label}.`),
    z.maxLength(100, `Use at most 100 characters for ${the} ${label}.`),
    z.regex(/^[\p{L}\p{M} '’.-]*$/u, `Use only letters, spaces, apostrophes, hyphens and periods in ${the} ${label}.`),
    z.refine((name) => /\p{L}/u.test(name), `Enter ${whose} ${label} with at least one letter.`),
    z.refine((name) => !/\.\p{L}{2}/u.test(name), `Put a space after a period in ${the} ${label}, so it cannot read as a web address.`),
  );
};

export function ageOn(dateOfBirth: string, today = new Date()): number {
  const [y, m, d] = dateOfBirth.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

const dateOfBirthField = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "Enter your date of birth."),
  z.refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "Enter a real date.",
  ),
  z.refine((value) => ageOn(value) < 130, "Enter a real date of birth."),
  z.refine(
    (value) => ageOn(value) >= systemConfig.accounts.minimumAge,
    `You must be at least ${systemConfig.accounts.minimumAge} years old.`,
  ),
);

const { passwordMinLength } = systemConfig.accounts;
const newPasswordField = z.string().check(
  z.minLength(passwordMinLength, `Use at least ${passwordMinLength} characters.`),
  z.maxLength(1024, "Use at most 1024 characters."),
  z.refine((value) => [...value].length >= passwordMinLength, `Use at least ${passwordMinLength} characters.`),
);

const passwordsMatch = z.refine<{ password: string; confirmPassword: string }>((data) => data.password === data.confirmPassword, {
  path: ["confirmPassword"],
  message: "The passwords do not match.",
});

export const profileSchema = z.object({
  firstName: nameField("first name"),
  lastName: nameField("last name"),
  dateOfBirth: dateOfBirthField,
});
export type ProfileInput = z.input<typeof profileSchema>;

export const registerSchema = z
  .object({
    firstName: nameField("first name"),
    lastName: nameField("last name"),
    email: emailField,
    dateOfBirth: dateOfBirthField,
    password: newPasswordField,
    confirmPassword: z.string().check(z.minLength(1, "Type your password again.")),
  })
  .check(passwordsMatch);

export const loginSchema = z.object({
  email: emailField,
  password: z.string().check(z.minLength(1, "Enter your password."), z.maxLength(1024, "That password is too long.")),
  rememberMe: z._default(z.boolean(), false),
});

export const resendVerificationSchema = z.object({ email: emailField });

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().check(z.maxLength(200)),
    password: newPasswordField,
    confirmPassword: z.string().check(z.minLength(1, "Type your password again.")),
  })
  .check(passwordsMatch);

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, "Enter your current password."), z.maxLength(1024)),
    password: newPasswordField,
    confirmPassword: z.string().check(z.minLength(1, "Type your new password again.")),
  })
  .check(passwordsMatch);

export const changeEmailSchema = z.object({ newEmail: emailField });

/** "Confirm it's you": the password, or a current code from the app when two-factor is on. */
export const reauthenticateSchema = z
  .object({
    method: z.enum(["password", "code"]),
    password: z.string().check(z.maxLength(1024, "That password is too long.")),
    code: z.string().check(z.maxLength(20)),
  })
  .check(
    z.superRefine((data, ctx) => {
      if (data.method === "password" && !data.password)
        ctx.addIssue({ code: "custom", path: ["password"], message: "Enter your password." });
      if (data.method === "code" && !/^\d{6}$/.test(data.code.replace(/\s/g, ""))) {
        ctx.addIssue({ code: "custom", path: ["code"], message: "Enter the 6-digit code from your authenticator app." });
      }
    }),
  );
