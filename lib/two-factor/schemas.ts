import { z } from "@/lib/zod";

// Shared by the two-factor forms and the server actions behind them.

/** Six digits; spaces are forgiven because apps show codes as "123 456". */
const totpCodeField = z
  .string()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** Ten letters and digits, with or without the dash. */
const recoveryCodeField = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, "").toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{10}$/, "Enter one of your recovery codes, like abcde-23456."));

export const totpChallengeSchema = z.object({ code: totpCodeField });
export const recoveryChallengeSchema = z.object({ recoveryCode: recoveryCodeField });
export const confirmEnrolmentSchema = z.object({ code: totpCodeField });
