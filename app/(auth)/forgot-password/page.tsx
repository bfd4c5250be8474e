import type { Metadata } from "next";
import { Link } from "@/components/link";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="h3 mb-1">Forgot your password?</h1>
      <p className="text-body-secondary mb-4">Enter your email address and we will send you a link to choose a new one.</p>
      <EmailRequestForm action={forgotPasswordAction} submitLabel="Send me a reset link" />
      <p className="mt-3 mb-0 small">
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </>
  );
}
