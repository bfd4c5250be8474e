import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getProfile } from "@/lib/accounts/profile";
import { listSignInMethods, reauthenticationMethods } from "@/lib/accounts/provider-links";
import { hasRecentReauthentication } from "@/lib/accounts/reauthentication";
import { requireUser } from "@/lib/auth/current-user";
import { getEmailPreferences } from "@/lib/email/preferences";
import { listSessions } from "@/lib/auth/sessions";
import { systemConfig } from "@/system.config";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { ConfirmItsYou } from "./confirm-its-you";
import { EmailPreferencesForm } from "./email-preferences-form";
import { ProfileForm } from "./profile-form";
import { SessionList } from "./session-list";
import { SignInMethods } from "./sign-in-methods";

export const metadata: Metadata = { title: "Your account" };

function AccountCard({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="col-lg-6" aria-labelledby={`${id}-heading`}>
      <div className="card h-100">
        <div className="card-body">
          <h2 id={`${id}-heading`} className="h5 card-title">
            {title}
          </h2>
          {children}
        </div>
      </div>
    </section>
  );
}

type ProviderParams = { provider_done?: string; provider_error?: string; provider?: string };

export default async function AccountPage({ searchParams }: { searchParams: Promise<ProviderParams> }) {
  const user = await requireUser();
  const params = await searchParams;
  const [profile, sessions, recentlyConfirmed, methods, reauthentication, emailPreferences] = await Promise.all([
    getProfile(user.id),
    listSessions(user.id),
    hasRecentReauthentication(user.sessionId),
    listSignInMethods(user.id),
    reauthenticationMethods(user.id),
    getEmailPreferences(user.id),
  ]);
  return (
    <div className="container py-5">
      <h1 className="h2 mb-1">Your account</h1>
      <p className="text-body-secondary mb-4">
        Signed in as <strong>{profile.email}</strong>
        {profile.emailVerified && <span className="badge text-bg-success ms-2">verified</span>}
      </p>
      <div className="row g-4">
        <AccountCard id="profile" title="Profile">
          <ProfileForm
            defaults={{
              firstName: profile.firstName,
              lastName: profile.lastName,
              dateOfBirth: profile.dateOfBirth?.toISOString().slice(0, 10) ?? "",
            }}
          />
        </AccountCard>
        <AccountCard id="sessions" title="Where you are signed in">
          <SessionList
            currentSessionId={user.sessionId}
            recentlyConfirmed={recentlyConfirmed}
            twoFactor={user.twoFactorEnabled}
            reauthentication={reauthentication}
            sessions={sessions.map((s) => ({
              id: s.id,
              ipAddress: s.ipAddress,
              userAgent: s.userAgent,
              api: s.kind === "API",
              lastSeen: `${s.lastSeenAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
            }))}
          />
        </AccountCard>
        <AccountCard id="sign-in-methods" title="Sign-in methods">
          <SignInMethods
            methods={methods}
            result={{ done: params.provider_done, error: params.provider_error, provider: params.provider }}
            recentlyConfirmed={recentlyConfirmed}
            twoFactor={user.twoFactorEnabled}
            reauthentication={reauthentication}
          />
        </AccountCard>
        <AccountCard id="password" title="Password">
          {methods.hasPassword ? (
            <ChangePasswordForm
              minLength={systemConfig.accounts.passwordMinLength}
              userInputs={[profile.email, profile.firstName, profile.lastName]}
            />
          ) : (
            // Signed up through a provider: the reset link proves the address and sets a first password.
            <p>
              You sign in through a provider and have no password. To set one, ask for a link by email:{" "}
              <Link href="/forgot-password">set a password</Link>.
            </p>
          )}
        </AccountCard>
        <AccountCard id="two-factor" title="Two-factor sign-in">
          {user.twoFactorEnabled ? (
            <p>
              <span className="badge text-bg-success me-2">On</span>
              Signing in needs a code from your authenticator app.
            </p>
          ) : (
            <p>
              <span className="badge text-bg-secondary me-2">Off</span>
              Add a code from an app on your phone to your password, so a stolen password alone cannot sign in.
            </p>
          )}
          <Link href="/account/two-factor" className="btn btn-outline-primary">
            {user.twoFactorEnabled ? "Manage two-factor sign-in" : "Set up two-factor sign-in"}
          </Link>
        </AccountCard>
        <AccountCard id="api-tokens" title="API tokens">
          <p>Personal access tokens let your scripts use the API as you, with only the permissions you give them.</p>
          <Link href="/account/tokens" className="btn btn-outline-primary">
            Manage API tokens
          </Link>
        </AccountCard>
        <AccountCard id="email" title="Email address">
          <p className="small text-body-secondary">We send a link to the new address, and your current address can cancel the change.</p>
          <ConfirmItsYou
            recent={recentlyConfirmed}
            twoFactor={user.twoFactorEnabled}
            id="email"
            label="Change email address"
            methods={reauthentication}
          >
            <ChangeEmailForm />
          </ConfirmItsYou>
        </AccountCard>
        <AccountCard id="email-preferences" title="Email preferences">
          <p className="small text-body-secondary">
            Security messages (sign-in, password, two-factor, email changes) always arrive. Choose what else you receive:
          </p>
          <EmailPreferencesForm defaults={emailPreferences} />
        </AccountCard>
      </div>
    </div>
  );
}
