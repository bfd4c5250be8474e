import type { Metadata } from "next";
import { ConfirmEmailButton } from "./confirm-email-button";

export const metadata: Metadata = { title: "Confirm your new email address" };

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="h3 mb-3">Confirm your new email address</h1>
      {typeof token === "string" && token ? (
        <ConfirmEmailButton token={token} />
      ) : (
        <div className="alert alert-warning" role="alert">
          This confirmation link is incomplete.
        </div>
      )}
    </>
  );
}
