import type { Actor } from "@/lib/authz";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { OperationCall } from "@/lib/kernel/operation";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { callerSessionId } from "./caller-session";

// What could take an account over (managing tokens, the password, the email address, two-factor, sign-in methods)
// needs a signed-in session, the cookie or an access JWT from POST /auth/token, never a personal access token: a
// leaked token must not mint itself successors nor lock its owner out. Server code is loaded when called, so the
// operations using this stay importable anywhere.

/** The refusals an operation declares when it runs through forSession. */
export const sessionOnly = { 403: ["token_session_required"] } as const;

/** The caller as the signed-in user, when signed in with a session (lib/api-auth/caller-session.ts). */
async function sessionCaller(actor: Actor): Promise<Outcome<CurrentUser>> {
  const sessionId = callerSessionId(actor);
  if (!sessionId || (await import("@/lib/api-tokens/token")).isTokenSessionId(sessionId))
    return refuse(403, "Sign in for this (the session cookie or an access JWT), not with a personal access token.", {
      code: "token_session_required",
    });
  return done(actor as CurrentUser);
}

/** A handler that runs for a session's caller only, with that user. */
export const forSession =
  <I, O>(run: (input: I, user: CurrentUser, context: RequestContext) => Promise<Outcome<O>>) =>
  async (input: I, { actor, context }: OperationCall): Promise<Outcome<O>> => {
    const caller = await sessionCaller(actor);
    return caller.ok ? run(input, caller.value, context) : caller;
  };
