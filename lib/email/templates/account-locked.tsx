import "server-only";
import { EmailLayout, Paragraph } from "./layout";
import { declareEmail } from "./render";

type Props = { firstName: string; minutes: number; after: "passwords" | "codes" };

function AccountLocked({ firstName, minutes, after }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        After several wrong {after === "codes" ? "two-factor codes" : "passwords"}, sign-in to your account is locked for {minutes} minutes.
      </Paragraph>
      <Paragraph>
        {after === "codes"
          ? "Whoever tried knew your password. If this was not you, reset your password once the lock ends."
          : "If this was not you, someone may be guessing your password: consider resetting it once the lock ends."}
      </Paragraph>
    </EmailLayout>
  );
}

export const accountLocked = declareEmail({
  template: "account-locked",
  subject: "Your account was locked",
  Component: AccountLocked,
  props: (firstName: string, minutes: number, after: Props["after"] = "passwords") => ({ firstName, minutes, after }),
  sample: { firstName: "Ada", minutes: 15, after: "passwords" },
});
