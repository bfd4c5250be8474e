import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string };

function PasswordChanged({ firstName }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>The password of your account was just changed, and every other signed-in browser was signed out.</Paragraph>
      <Paragraph>If this was not you, reset your password now and write to {systemConfig.supportEmail}.</Paragraph>
    </EmailLayout>
  );
}

export const passwordChanged = declareEmail({
  template: "password-changed",
  subject: "Your password was changed",
  Component: PasswordChanged,
  props: (firstName: string) => ({ firstName }),
  sample: { firstName: "Ada" },
});
