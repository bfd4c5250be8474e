import type { Metadata } from "next";
import { Link } from "@/components/link";
import { reauthenticationMethods } from "@/lib/accounts/provider-links";
import { hasRecentReauthentication } from "@/lib/accounts/reauthentication";
import { requireUser } from "@/lib/auth/current-user";
import { enrolmentDetails, twoFactorStatus } from "@/lib/two-factor/manage";
import { ConfirmItsYou } from "../confirm-its-you";
import { EnrolmentSteps, StartEnrolmentButton } from "./enrolment";
import { DisableTwoFactorButton, RegenerateCodesButton } from "./manage-forms";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorSettingsPage() {
  const user = await requireUser({ duringEnrolment: true });
  const status = await twoFactorStatus(user.id);
  const enrolment = status.enabled ? null : await enrolmentDetails(user.id);
  const forced = status.required && !status.enabled;
  const recentlyConfirmed = await hasRecentReauthentication(user.sessionId);
  const reauthentication = await reauthenticationMethods(user.id);

  return (
    <div className="container py-5">
      {!forced && (
        <nav aria-label="Breadcrumb">
          <ol className="breadcrumb">
            <li className="breadcrumb-item">
              <Link href="/account">Your account</Link>
            </li>
            <li className="breadcrumb-item active" aria-current="page">
              Two-factor sign-in
            </li>
          </ol>
        </nav>
      )}
      <h1 className="h2 mb-1">Two-factor sign-in</h1>
      <p className="text-body-secondary mb-4">A code from an app on your phone, as well as your password, each time you sign in.</p>
      {forced && (
        <div className="alert alert-warning" role="status">
          Your role requires two-factor sign-in. Set it up to continue.
        </div>
      )}

      {status.enabled ? (
        <div className="row g-4">
          <section className="col-lg-6" aria-labelledby="codes-heading">
            <div className="card h-100">
              <div className="card-body">
                <p className="mb-3">
                  <span className="badge text-bg-success me-2">On</span>
                  since {status.enabledAt!.toISOString().slice(0, 10)}
                </p>
                <h2 id="codes-heading" className="h5">
                  Recovery codes
                </h2>
                <p className={status.recoveryCodesLeft <= 3 ? "text-danger-emphasis" : "text-body-secondary"}>
                  {status.recoveryCodesLeft} of 10 left.
                </p>
                <ConfirmItsYou methods={reauthentication} recent={recentlyConfirmed} twoFactor id="codes" label="Make new recovery codes…">
                  <RegenerateCodesButton />
                </ConfirmItsYou>
              </div>
            </div>
          </section>
          <section className="col-lg-6" aria-labelledby="disable-heading">
            <div className="card h-100">
              <div className="card-body">
                <h2 id="disable-heading" className="h5">
                  Turn off
                </h2>
                {status.required ? (
                  <p className="text-body-secondary mb-0">Your role requires two-factor sign-in, so it stays on.</p>
                ) : (
                  <ConfirmItsYou
                    methods={reauthentication}
                    recent={recentlyConfirmed}
                    twoFactor
                    id="disable"
                    label="Turn off two-factor sign-in…"
                  >
                    <DisableTwoFactorButton />
                  </ConfirmItsYou>
                )}
              </div>
            </div>
          </section>
        </div>
      ) : (
        <div className="card">
          <div className="card-body">
            {enrolment ? (
              <ConfirmItsYou methods={reauthentication} recent={recentlyConfirmed} twoFactor={false} id="enrol" label="Continue setting up">
                <EnrolmentSteps qrSvg={enrolment.qrSvg} manualKey={enrolment.manualKey} continueTo="/account" />
              </ConfirmItsYou>
            ) : (
              <>
                <p>You will need an authenticator app on your phone. Setting up takes a minute.</p>
                <ConfirmItsYou
                  methods={reauthentication}
                  recent={recentlyConfirmed}
                  twoFactor={false}
                  id="enrol"
                  label="Set up two-factor sign-in"
                >
                  <StartEnrolmentButton />
                </ConfirmItsYou>
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
