import type { Metadata } from "next";
import { Link } from "@/components/link";
import { VerifyEmailForm } from "./verify-email-form";

export const metadata: Metadata = { title: "Confirm your email address" };

// The link only opens this page; the token is spent by the button, so mail scanners that follow links
// cannot use it up.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="h3 mb-3">Confirm your email address</h1>
      {typeof token === "string" && token ? (
        <VerifyEmailForm token={token} />
      ) : (
        <div className="alert alert-warning" role="alert">
          This confirmation link is incomplete. <Link href="/verify-email/resend">Ask for a new one</Link>.
        </div>
      )}
    </>
  );
}
