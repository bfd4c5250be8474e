import { z } from "zod/mini";

// Shared by the two-factor forms (validated in the browser, so zod/mini) and the server actions behind them.

/** Six digits; spaces are forgiven because apps show codes as "123 456". */
const totpCodeField = z.pipe(
  z.pipe(
    z.string(),
    z.transform((value) => value.replace(/\s/g, "")),
  ),
  z.string().check(z.regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
);

/** Ten letters and digits, with or without the dash. */
const recoveryCodeField = z.pipe(
  z.pipe(
    z.string(),
    z.transform((value) => value.replace(/[\s-]/g, "").toLowerCase()),
  ),
  z.string().check(z.regex(/^[a-z0-9]{10}$/, "Enter one of your recovery codes, like abcde-23456.")),
);

export const totpChallengeSchema = z.object({ code: totpCodeField });
export const recoveryChallengeSchema = z.object({ recoveryCode: recoveryCodeField });
export const confirmEnrolmentSchema = z.object({ code: totpCodeField });
