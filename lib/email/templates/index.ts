import "server-only";
import { accountLocked } from "./account-locked";
import { alreadyRegistered } from "./already-registered";
import { confirmNewEmail } from "./confirm-new-email";
import { emailChangeRequested } from "./email-change-requested";
import { emailChanged } from "./email-changed";
import { passwordChanged } from "./password-changed";
import { passwordReset } from "./password-reset";
import { recoveryCodeUsed } from "./recovery-code-used";
import type { DeclaredEmail } from "./render";
import { twoFactorDisabled } from "./two-factor-disabled";
import { twoFactorEnabled } from "./two-factor-enabled";
import { twoFactorReset } from "./two-factor-reset";
import { verifyEmail } from "./verify-email";

// Every message the system sends, one file each (a React Email component, its subject and sample props).
// Callers write sendEmail(to, emailTemplates.verifyEmail(firstName, link)); the gallery and the tests walk emailCatalog.

export type { RenderedEmail } from "./render";

const declarations = {
  verifyEmail,
  alreadyRegistered,
  passwordReset,
  passwordChanged,
  accountLocked,
  twoFactorEnabled,
  twoFactorDisabled,
  recoveryCodeUsed,
  twoFactorReset,
  confirmNewEmail,
  emailChanged,
  emailChangeRequested,
};

type Declarations = typeof declarations;

export const emailTemplates = Object.fromEntries(Object.entries(declarations).map(([name, declaration]) => [name, declaration.send])) as {
  [Name in keyof Declarations]: Declarations[Name]["send"];
};

export const emailCatalog: readonly DeclaredEmail[] = Object.values(declarations);

export const findDeclaredEmail = (template: string): DeclaredEmail | undefined => emailCatalog.find((email) => email.template === template);
