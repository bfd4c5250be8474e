import { z } from "@/lib/zod";
import { systemConfig } from "@/system.config";

// Shared by the forms (react-hook-form's zod resolver, in the browser) and the server actions that receive
// them. The server adds what the browser cannot check: the common-password list and uniqueness.

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((email) => email.toLowerCase());

/**
 * A person's name in any script: letters, combining marks, spaces, apostrophes, hyphens and periods. Names go
 * into emails and the admin console, so no line breaks, markup or anything a mail client turns into a link
 * ("evil.example": a period directly before two letters). `whose` words the messages: "your" or "a".
 */
export const nameField = (label: string, whose: "your" | "a" = "your") => {
  const the = whose === "your" ? "your" : "the";
  return z
    .string()
    .trim()
    .normalize("NFC")
    .min(1, `Enter ${whose} ${label}.`)
    .max(100, `Use at most 100 characters for ${the} ${label}.`)
    .regex(/^[\p{L}\p{M} '’.-]*$/u, `Use only letters, spaces, apostrophes, hyphens and periods in ${the} ${label}.`)
    .refine((name) => /\p{L}/u.test(name), `Enter ${whose} ${label} with at least one letter.`)
    .refine((name) => !/\.\p{L}{2}/u.test(name), `Put a space after a period in ${the} ${label}, so it cannot read as a web address.`);
};

export function ageOn(dateOfBirth: string, today = new Date()): number {
  const [y, m, d] = dateOfBirth.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

const dateOfBirthField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter your date of birth.")
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "Enter a real date.",
  )
  .refine((value) => ageOn(value) < 130, "Enter a real date of birth.")
  .refine(
    (value) => ageOn(value) >= systemConfig.accounts.minimumAge,
    `You must be at least ${systemConfig.accounts.minimumAge} years old.`,
  );

const newPasswordField = z
  .string()
  .min(systemConfig.accounts.passwordMinLength, `Use at least ${systemConfig.accounts.passwordMinLength} characters.`)
  .max(1024, "Use at most 1024 characters.")
  .refine(
    (value) => [...value].length >= systemConfig.accounts.passwordMinLength,
    `Use at least ${systemConfig.accounts.passwordMinLength} characters.`,
  );

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
    confirmPassword: z.string().min(1, "Type your password again."),
  })
  .refine((data) => data.password === data.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  rememberMe: z.boolean().default(false),
});

export const resendVerificationSchema = z.object({ email: emailField });

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ token: z.string().max(200), password: newPasswordField, confirmPassword: z.string().min(1, "Type your password again.") })
  .refine((data) => data.password === data.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    password: newPasswordField,
    confirmPassword: z.string().min(1, "Type your new password again."),
  })
  .refine((data) => data.password === data.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const changeEmailSchema = z.object({ newEmail: emailField });

/** "Confirm it's you": the password, or a current code from the app when two-factor is on. */
export const reauthenticateSchema = z
  .object({ method: z.enum(["password", "code"]), password: z.string().max(1024, "That password is too long."), code: z.string().max(20) })
  .superRefine((data, ctx) => {
    if (data.method === "password" && !data.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter your password." });
    if (data.method === "code" && !/^\d{6}$/.test(data.code.replace(/\s/g, ""))) {
      ctx.addIssue({ code: "custom", path: ["code"], message: "Enter the 6-digit code from your authenticator app." });
    }
  });
