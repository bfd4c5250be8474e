import "server-only";
import { audit } from "@/lib/audit";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import type { RequestContext } from "@/lib/request-context";
import { voidPendingEmailChanges } from "./email-change";
import { requireRecentReauthentication } from "./reauthentication";

// A user ending their own sessions from the account page. Only after confirming it's them: otherwise a
// stolen cookie could sign the owner out of every browser and keep the account to itself.

export type EndSessionsResult = { ok: true; ended: number } | { ok: false; formError: string };

export async function endSession(
  userId: string,
  currentSessionId: string,
  sessionId: string,
  context: RequestContext,
): Promise<EndSessionsResult> {
  if (sessionId === currentSessionId) return { ok: false, formError: "Use Sign out to end this session." };
  const refusal = await requireRecentReauthentication(currentSessionId);
  if (refusal) return refusal;
  if (!(await revokeSession(userId, sessionId))) return { ok: false, formError: "That session is already gone." };
  await audit({ action: "session.revoke", actorId: userId, target: { type: "session", id: sessionId }, context });
  return { ok: true, ended: 1 };
}

/** Signs out everywhere but here; a pending email change dies with the sessions that may have asked for it. */
export async function endOtherSessions(userId: string, currentSessionId: string, context: RequestContext): Promise<EndSessionsResult> {
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
  return { ok: true, ended };
}
