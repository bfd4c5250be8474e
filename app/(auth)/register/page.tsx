import type { Metadata } from "next";
import { Link } from "@/components/link";
import { after } from "next/server";
import { warmPasswordEstimator } from "@/lib/accounts/password-policy";
import { systemConfig } from "@/system.config";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create an account" };

export default function RegisterPage() {
  // The estimator's dictionaries (about a second of CPU, 70 MB) are built while the visitor types, not at
  // start-up (an idle server stays small) and not in the submit that needs them.
  after(warmPasswordEstimator);
  return (
    <>
      <h1 className="h3 mb-1">Create an account</h1>
      <p className="text-body-secondary mb-4">Join {systemConfig.name}. We will email you a link to confirm your address.</p>
      <RegisterForm minLength={systemConfig.accounts.passwordMinLength} />
      <p className="mt-3 mb-0 small">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </>
  );
}
