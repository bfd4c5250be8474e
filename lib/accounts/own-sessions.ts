import "server-only";
import { audit } from "@/lib/audit";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { voidPendingEmailChanges } from "./email-change";
import { requireRecentReauthentication } from "./reauthentication";

// A user ending their own sessions from the account page (the outcome's value: how many ended). Only after
// confirming it's them: otherwise a stolen cookie could sign the owner out of every browser and keep the account.

export async function endSession(
  userId: string,
  currentSessionId: string,
  sessionId: string,
  context: RequestContext,
): Promise<Outcome<number>> {
  if (sessionId === currentSessionId) return refuse(409, "Use Sign out to end this session.", { code: "current_session" });
  const refusal = await requireRecentReauthentication(currentSessionId);
  if (refusal) return refusal;
  if (!(await revokeSession(userId, sessionId))) return refuse(404, "That session is already gone.", { code: "session_not_found" });
  await audit({ action: "session.revoke", actorId: userId, target: { type: "session", id: sessionId }, context });
  return done(1);
}

/** Signs out everywhere but here; a pending email change dies with the sessions that may have asked for it. */
export async function endOtherSessions(userId: string, currentSessionId: string, context: RequestContext): Promise<Outcome<number>> {
  const refusal = await requireRecentReauthentication(currentSessionId);
  if (refusal) return refusal;
  const ended = await revokeOtherSessions(userId, currentSessionId);
  const emailChangesVoided = await voidPendingEmailChanges(userId);
  await audit({
    action: "session.revoke",
    actorId: userId,
    target: { type: "user", id: userId },
    context,
    details: { others: ended, emailChangesVoided },
  });
  return done(ended);
}
