import type { Metadata } from "next";
import { Link } from "@/components/link";
import { currentSession } from "@/lib/auth/current-user";
import { systemConfig } from "@/system.config";
import { LoginForm } from "./login-form";
import { ProviderButtons, ProviderRefusal } from "./provider-sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; provider?: string }> }) {
  const { next, error, provider } = await searchParams;
  const state = await currentSession();
  return (
    <>
      <h1 className="h3 mb-1">Sign in</h1>
      <p className="text-body-secondary mb-4">Welcome back to {systemConfig.name}.</p>
      {state.stage === "anonymous" && state.ended === "disabled" && (
        <div className="alert alert-warning" role="status">
          Your account has been disabled. Contact <a href={`mailto:${systemConfig.supportEmail}`}>{systemConfig.supportEmail}</a>.
        </div>
      )}
      <ProviderRefusal error={error} provider={provider} />
      <LoginForm next={typeof next === "string" ? next : undefined} />
      <ProviderButtons next={typeof next === "string" ? next : undefined} />
      <p className="mt-3 mb-1 small">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="mb-0 small">
        New here? <Link href="/register">Create an account</Link>
      </p>
    </>
  );
}
