import "server-only";
import { systemConfig } from "@/system.config";
import { ButtonLink, EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string; loginLink: string };

function AlreadyRegistered({ firstName, loginLink }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        Someone tried to create an account with this email address, which already has one. If it was you, sign in instead:
      </Paragraph>
      <ButtonLink href={loginLink} label="Sign in" />
      <Paragraph>
        If you forgot your password, use &quot;Forgot password&quot; on the sign-in page. If it was not you, ignore this email.
      </Paragraph>
    </EmailLayout>
  );
}

export const alreadyRegistered = declareEmail({
  template: "already-registered",
  subject: "You already have an account",
  Component: AlreadyRegistered,
  props: (firstName: string, loginLink: string) => ({ firstName, loginLink }),
  sample: { firstName: "Ada", loginLink: new URL("/login", systemConfig.url).toString() },
});
