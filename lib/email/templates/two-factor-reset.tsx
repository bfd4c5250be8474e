import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string };

function TwoFactorReset({ firstName }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        An administrator reset two-factor sign-in for your account, usually because a phone was lost. Your password alone signs you in until
        you set it up again.
      </Paragraph>
      <Paragraph>If you did not ask for this, write to {systemConfig.supportEmail} at once.</Paragraph>
    </EmailLayout>
  );
}

export const twoFactorReset = declareEmail({
  template: "two-factor-reset",
  subject: "Two-factor sign-in was reset",
  Component: TwoFactorReset,
  props: (firstName: string) => ({ firstName }),
  sample: { firstName: "Ada" },
});
