import type { Metadata } from "next";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import { resendVerificationAction } from "../actions";

export const metadata: Metadata = { title: "New confirmation link" };

export default async function ResendPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <>
      <h1 className="h3 mb-3">Get a new confirmation link</h1>
      <EmailRequestForm
        action={resendVerificationAction}
        submitLabel="Send a new link"
        email={typeof email === "string" ? email.slice(0, 254) : ""}
      />
    </>
  );
}
