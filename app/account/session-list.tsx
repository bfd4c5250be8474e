"use client";

import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";
import { ConfirmItsYou, type ReauthenticationMethods } from "./confirm-its-you";

/** `api`: a program signed in through POST /api/v1/auth/token; signing it out ends its tokens too. */
type SessionRow = { id: string; ipAddress: string | null; userAgent: string | null; api: boolean; lastSeen: string };

function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

type Props = {
  sessions: SessionRow[];
  currentSessionId: string;
  recentlyConfirmed: boolean;
  twoFactor: boolean;
  reauthentication: ReauthenticationMethods;
};

export function SessionList({ sessions, currentSessionId, recentlyConfirmed, twoFactor, reauthentication }: Props) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<Outcome>();
  const run = (action: () => Promise<Outcome>) => startTransition(async () => setResult(await action()));

  return (
    <>
      <OutcomeAlert outcome={result} />
      <ul className="list-group mb-3">
        {sessions.map((session) => (
          <li key={session.id} className="list-group-item d-flex justify-content-between align-items-start gap-2" data-testid="session-row">
            <div>
              <div className="fw-semibold">
                {session.api && <span className="badge text-bg-secondary me-2">API</span>}
                {session.api ? (session.userAgent?.slice(0, 60) ?? "Program") : describeDevice(session.userAgent)}
                {session.id === currentSessionId && <span className="badge text-bg-primary ms-2">this browser</span>}
              </div>
              <div className="small text-body-secondary">
                {session.ipAddress ?? "unknown address"} · last seen {session.lastSeen}
              </div>
            </div>
            {recentlyConfirmed && session.id !== currentSessionId && (
              <button
                type="button"
                className="btn btn-sm btn-outline-danger"
                disabled={pending || !hydrated}
                onClick={() => run(() => revokeSessionAction({ sessionId: session.id }))}
              >
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <ConfirmItsYou
          recent={recentlyConfirmed}
          twoFactor={twoFactor}
          id="sessions"
          label="Sign out other sessions…"
          methods={reauthentication}
        >
          <button
            type="button"
            className="btn btn-outline-danger"
            disabled={pending || !hydrated}
            onClick={() => run(() => revokeOtherSessionsAction({}))}
          >
            Sign out all other sessions
          </button>
        </ConfirmItsYou>
      )}
    </>
  );
}
