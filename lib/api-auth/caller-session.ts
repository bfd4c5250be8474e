import type { Actor } from "@/lib/authz";

// Operation handlers get the signed-in user the router or the screens loaded (lib/auth/current-user.ts's
// CurrentUser), typed as the Actor it also is. Its session id says how the caller signed in: the cookie's web
// session, an access JWT's API session, or a personal access token's stand-in that names no session.

/** The caller's session id; null for NOBODY (no caller). */
export function callerSessionId(actor: Actor): string | null {
  return "sessionId" in actor && typeof actor.sessionId === "string" && actor.sessionId ? actor.sessionId : null;
}
