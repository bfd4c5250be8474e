import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authorize, ForbiddenError, type Permission } from "@/lib/authz";
import { currentRequestContext } from "@/lib/request-context";
import { actorFrom } from "@/lib/users/actor";
import { sessionCookieToken } from "./cookie-session";
import { endedSessionReason } from "./ended-session";
import { findActiveSession } from "./sessions";

export type CurrentUser = {
  id: string;
  sessionId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  /** Everything the user's roles grant: an Actor for lib/authz. */
  permissions: ReadonlySet<string>;
  twoFactorEnabled: boolean;
};

/**
 * Where the visitor behind this request stands. Only "active" may use the system; "two_factor" (password
 * given, code owed) reaches the challenge alone, "enrolment" (a role requires two-factor that is not set up
 * yet) the set-up page alone. Computed per request, so a role given mid-session takes effect at once.
 */
export type SessionState =
  | { stage: "anonymous"; ended?: "disabled" }
  | { stage: "two_factor"; sessionId: string }
  | { stage: "enrolment" | "active"; user: CurrentUser };

// Actor loading (one round trip, shared with the API's bearer tokens) lives with the users.
export { loadActor } from "@/lib/users/actor";

/**
 * Reads the session cookie Auth.js wrote (its encrypted token carries the session secret) without asking Auth.js:
 * no cookie means nobody, with no decryption and no query, and a cookie costs one round trip for the session,
 * its user and their roles (what the roles grant is cached per process, lib/authz/role-grants.ts). Auth.js's auth() would decode the same token and look up the same row, then re-issue
 * a cookie that outlives the session's absolute deadline anyway (and a page cannot set cookies).
 */
export const currentSession = cache(async (): Promise<SessionState> => {
  const claims = await sessionCookieToken();
  if (!claims) return { stage: "anonymous" };
  const session = await findActiveSession(claims.sid);
  if (!session) return (await endedSessionReason()) ? { stage: "anonymous", ended: "disabled" } : { stage: "anonymous" };
  if (session.twoFactorPending) return { stage: "two_factor", sessionId: session.id };
  const loaded = await actorFrom(session.user, session.id);
  if (!loaded) return { stage: "anonymous" };
  return { stage: loaded.twoFactorOwed ? "enrolment" : "active", user: loaded.user };
});

/** The fully signed-in user behind this request, or null (nobody, or a sign-in that is not finished). */
export async function currentUser(): Promise<CurrentUser | null> {
  const state = await currentSession();
  return state.stage === "active" ? state.user : null;
}

export const TWO_FACTOR_CHALLENGE_PATH = "/login/two-factor";
export const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

/**
 * For pages and actions that need a signed-in user. Anyone else is sent where they can go on: to sign in,
 * to the two-factor challenge, or (a role requires two-factor) to set it up; then back here.
 * `duringEnrolment` is for the set-up page and its actions only.
 */
export async function requireUser(options: { duringEnrolment?: boolean } = {}): Promise<CurrentUser> {
  const state = await currentSession();
  if (state.stage === "active" || (state.stage === "enrolment" && options.duringEnrolment)) return state.user;
  const next = encodeURIComponent((await headers()).get("x-pathname") ?? "/account");
  if (state.stage === "two_factor") redirect(`${TWO_FACTOR_CHALLENGE_PATH}?next=${next}`);
  if (state.stage === "enrolment") redirect(TWO_FACTOR_SETUP_PATH);
  redirect(`/login?next=${next}`);
}

/** For pages: a signed-in user holding `permission`, or the 403 page (the refusal is audited). */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  try {
    await authorize(user, permission, { context: await currentRequestContext() });
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
  return user;
}
