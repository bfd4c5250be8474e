import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string };

function TwoFactorEnabled({ firstName }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        Two-factor sign-in was turned on for your account: signing in now needs a code from your authenticator app as well as your password.
        Other signed-in browsers were signed out.
      </Paragraph>
      <Paragraph>Keep your recovery codes somewhere safe: each one lets you in once if you lose your phone.</Paragraph>
      <Paragraph>If this was not you, write to {systemConfig.supportEmail} at once.</Paragraph>
    </EmailLayout>
  );
}

export const twoFactorEnabled = declareEmail({
  template: "two-factor-enabled",
  subject: "Two-factor sign-in is on",
  Component: TwoFactorEnabled,
  props: (firstName: string) => ({ firstName }),
  sample: { firstName: "Ada" },
});
