import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string };

function TwoFactorDisabled({ firstName }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>Two-factor sign-in was turned off for your account: your password alone now signs you in.</Paragraph>
      <Paragraph>If this was not you, reset your password and write to {systemConfig.supportEmail} at once.</Paragraph>
    </EmailLayout>
  );
}

export const twoFactorDisabled = declareEmail({
  template: "two-factor-disabled",
  subject: "Two-factor sign-in is off",
  Component: TwoFactorDisabled,
  props: (firstName: string) => ({ firstName }),
  sample: { firstName: "Ada" },
});
