import "server-only";
import { ButtonLink, EmailLayout, Paragraph } from "./layout";
import { declareEmail, sampleLink } from "./render";

type Props = { firstName: string; link: string };

function PasswordReset({ firstName, link }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>Someone asked to reset the password of your account. If it was you, choose a new password:</Paragraph>
      <ButtonLink href={link} label="Choose a new password" />
      <Paragraph>
        The link works once and expires in 30 minutes. If you did not ask, ignore this email: your password stays as it is.
      </Paragraph>
    </EmailLayout>
  );
}

export const passwordReset = declareEmail({
  template: "password-reset",
  subject: "Reset your password",
  Component: PasswordReset,
  props: (firstName: string, link: string) => ({ firstName, link }),
  sample: { firstName: "Ada", link: sampleLink("/reset-password") },
});
