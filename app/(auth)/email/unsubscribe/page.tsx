import type { Metadata } from "next";
import { Link } from "@/components/link";
import { verifyUnsubscribeToken } from "@/lib/email/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe" };

// The footer link of every announcement opens this page, without signing in. Opening it changes nothing (mail
// scanners follow links); the button posts the token to /api/email/unsubscribe, the address mail clients'
// one-click button (RFC 8058) posts to as well. A plain form: it works without JavaScript.

type Params = { token?: string; status?: string };

export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Params> }) {
  const { token, status } = await searchParams;
  if (status === "done")
    return (
      <>
        <h1 className="h3 mb-3">You are unsubscribed</h1>
        <p role="status">
          You will no longer receive announcements. Security messages about your account (sign-in, password) still arrive.
        </p>
        <p className="mb-0">
          Changed your mind? Turn announcements on again at <Link href="/account#email-preferences">your account</Link>.
        </p>
      </>
    );
  const valid = typeof token === "string" && verifyUnsubscribeToken(token) !== null;
  return (
    <>
      <h1 className="h3 mb-3">Unsubscribe from announcements</h1>
      {valid ? (
        <form method="post" action={`/api/email/unsubscribe?token=${encodeURIComponent(token)}`}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>Stop the announcements administrators send to members? Security messages about your account still arrive.</p>
          <button type="submit" className="btn btn-primary">
            Unsubscribe
          </button>
        </form>
      ) : (
        <div className="alert alert-warning mb-0" role="alert">
          This unsubscribe link is not valid. Copy the whole link from the email, or choose what you receive at{" "}
          <Link href="/account#email-preferences">your account</Link>.
        </div>
      )}
    </>
  );
}
