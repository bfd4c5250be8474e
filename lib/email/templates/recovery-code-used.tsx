import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string; left: number };

function RecoveryCodeUsed({ firstName, left }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>Someone signed in to your account with one of your two-factor recovery codes. You have {left} left.</Paragraph>
      <Paragraph>
        {left <= 3 ? "You are running low: make new recovery codes in your account settings." : "Each code works once."}
      </Paragraph>
      <Paragraph>If this was not you, reset your password and write to {systemConfig.supportEmail} at once.</Paragraph>
    </EmailLayout>
  );
}

export const recoveryCodeUsed = declareEmail({
  template: "recovery-code-used",
  subject: "A recovery code was used",
  Component: RecoveryCodeUsed,
  props: (firstName: string, left: number) => ({ firstName, left }),
  sample: { firstName: "Ada", left: 2 },
});
