import type { Metadata } from "next";
import { CancelEmailChangeButton } from "./cancel-email-change-button";

export const metadata: Metadata = { title: "Cancel an email change" };

export default async function CancelEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="h3 mb-3">Cancel an email change</h1>
      {typeof token === "string" && token ? (
        <CancelEmailChangeButton token={token} />
      ) : (
        <div className="alert alert-warning" role="alert">
          This cancel link is incomplete.
        </div>
      )}
    </>
  );
}
