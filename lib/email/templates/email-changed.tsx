import "server-only";
import { systemConfig } from "@/system.config";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string; newEmail: string };

function EmailChanged({ firstName, newEmail }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>The email address of your account is now {newEmail}.</Paragraph>
      <Paragraph>If this was not you, write to {systemConfig.supportEmail} at once.</Paragraph>
    </EmailLayout>
  );
}

export const emailChanged = declareEmail({
  template: "email-changed",
  subject: "Your email address was changed",
  Component: EmailChanged,
  props: (firstName: string, newEmail: string) => ({ firstName, newEmail }),
  sample: { firstName: "Ada", newEmail: "ada.lovelace@example.com" },
});
