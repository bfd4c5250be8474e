import "server-only";
import { ButtonLink, EmailLayout, Paragraph } from "./layout";
import { declareEmail, sampleLink } from "./render";

type Props = { firstName: string; link: string };

function ConfirmNewEmail({ firstName, link }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>Confirm this address to make it the email of your account:</Paragraph>
      <ButtonLink href={link} label="Confirm my new address" />
      <Paragraph>The link works once and expires in 24 hours.</Paragraph>
    </EmailLayout>
  );
}

export const confirmNewEmail = declareEmail({
  template: "confirm-new-email",
  subject: "Confirm your new email address",
  Component: ConfirmNewEmail,
  props: (firstName: string, link: string) => ({ firstName, link }),
  sample: { firstName: "Ada", link: sampleLink("/confirm-email") },
});
