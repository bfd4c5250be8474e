import "server-only";
import { systemConfig } from "@/system.config";
import { ButtonLink, EmailLayout, Paragraph } from "./layout";
import { declareEmail, sampleLink } from "./render";

type Props = { firstName: string; link: string };

function VerifyEmail({ firstName, link }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>Confirm your email address to finish creating your {systemConfig.name} account.</Paragraph>
      <ButtonLink href={link} label="Confirm my email address" />
      <Paragraph>The link works once and expires in 24 hours. If you did not sign up, ignore this email.</Paragraph>
    </EmailLayout>
  );
}

export const verifyEmail = declareEmail({
  template: "verify-email",
  subject: "Confirm your email address",
  Component: VerifyEmail,
  props: (firstName: string, link: string) => ({ firstName, link }),
  sample: { firstName: "Ada", link: sampleLink("/verify-email") },
});
