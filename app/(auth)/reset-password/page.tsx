import type { Metadata } from "next";
import { Link } from "@/components/link";
import { findResetTokenOwner } from "@/lib/accounts/passwords";
import { systemConfig } from "@/system.config";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const owner = typeof token === "string" ? await findResetTokenOwner(token) : null;
  if (!owner || typeof token !== "string") {
    return (
      <>
        <h1 className="h3 mb-3">Choose a new password</h1>
        <div className="alert alert-warning" role="alert">
          This reset link is not valid any more: it was used, it expired, or it is incomplete.
        </div>
        <Link href="/forgot-password" className="btn btn-primary w-100">
          Ask for a new link
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="h3 mb-1">Choose a new password</h1>
      <p className="text-body-secondary mb-4">For {owner.email}. Every signed-in session will be signed out.</p>
      <ResetPasswordForm
        token={token}
        minLength={systemConfig.accounts.passwordMinLength}
        userInputs={[owner.email, owner.firstName, owner.lastName]}
      />
    </>
  );
}
