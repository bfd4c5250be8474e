import "server-only";
import { ButtonLink, EmailLayout, Paragraph } from "./layout";
import { declareEmail, sampleLink } from "./render";

type Props = { firstName: string; newEmail: string; cancelLink: string };

function EmailChangeRequested({ firstName, newEmail, cancelLink }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        Someone signed in to your account asked to change its email address to {newEmail}. It changes once that address confirms.
      </Paragraph>
      <Paragraph>If this was not you, cancel the change and then reset your password:</Paragraph>
      <ButtonLink href={cancelLink} label="Cancel the change" />
      <Paragraph>The link works once and expires in 24 hours. If it was you, ignore this email.</Paragraph>
    </EmailLayout>
  );
}

export const emailChangeRequested = declareEmail({
  template: "email-change-requested",
  subject: "Your email address is about to change",
  Component: EmailChangeRequested,
  props: (firstName: string, newEmail: string, cancelLink: string) => ({ firstName, newEmail, cancelLink }),
  sample: { firstName: "Ada", newEmail: "ada.lovelace@example.com", cancelLink: sampleLink("/cancel-email-change") },
});
