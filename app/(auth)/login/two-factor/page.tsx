import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { logoutAction } from "@/lib/auth/sign-out-action";
import { currentSession, TWO_FACTOR_SETUP_PATH } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { ChallengeForm } from "./challenge-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorChallengePage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const state = await currentSession();
  if (state.stage === "active") redirect(next);
  if (state.stage === "enrolment") redirect(TWO_FACTOR_SETUP_PATH);
  if (state.stage === "anonymous") redirect(`/login?next=${encodeURIComponent(next)}`);
  return (
    <>
      <h1 className="h3 mb-1">Two-factor sign-in</h1>
      <ChallengeForm next={next} />
      <form action={logoutAction} className="mt-3">
        <button type="submit" className="btn btn-link btn-sm p-0">
          Cancel and sign out
        </button>
      </form>
    </>
  );
}
