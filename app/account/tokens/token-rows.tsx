"use client";

import { useState, useTransition } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { Outcome } from "@/lib/outcome";
import { renameTokenAction, revokeTokenAction } from "./actions";

/** A token as the tables show it: dates already worded on the server. */
export type TokenRow = {
  id: string;
  name: string;
  visible: string;
  scopes: string[];
  created: string;
  expires: string;
  lastUsed: string | null;
  status: "active" | "expired" | "revoked";
  ownerEmail?: string;
};

function Status({ status }: { status: TokenRow["status"] }) {
  if (status === "active") return <span className="badge text-bg-success">active</span>;
  return <span className={`badge ${status === "revoked" ? "text-bg-danger" : "text-bg-secondary"}`}>{status}</span>;
}

/** Revoke, after a second click that says what it does. */
function RevokeButton({ row, onDone }: { row: TokenRow; onDone: (outcome: Outcome) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  if (row.status !== "active") return null;
  if (!confirming)
    return (
      <button type="button" className="btn btn-sm btn-outline-danger" disabled={!hydrated} onClick={() => setConfirming(true)}>
        Revoke
      </button>
    );
  return (
    <span className="d-inline-flex gap-1 align-items-center">
      <span className="small">Stop it working now?</span>
      <button
        type="button"
        className="btn btn-sm btn-danger"
        disabled={pending}
        onClick={() => startTransition(async () => onDone(await revokeTokenAction({ id: row.id })))}
      >
        Yes, revoke
      </button>
      <button type="button" className="btn btn-sm btn-link" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}

function RenameCell({ row, onDone }: { row: TokenRow; onDone: (outcome: Outcome) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(row.name);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  if (!editing)
    return (
      <span className="d-inline-flex gap-2 align-items-center">
        <span className="fw-semibold">{row.name}</span>
        <button
          type="button"
          className="btn btn-sm btn-link p-0"
          disabled={!hydrated}
          aria-label={`Rename ${row.name}`}
          onClick={() => setEditing(true)}
        >
          Rename
        </button>
      </span>
    );
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await renameTokenAction({ id: row.id, name });
      onDone(outcome);
      if (outcome.ok) setEditing(false);
    });
  };
  return (
    <form className="d-flex gap-1" onSubmit={save}>
      <input
        className="form-control form-control-sm"
        aria-label="New name"
        maxLength={80}
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="btn btn-sm btn-primary" disabled={pending}>
        Save
      </button>
      <button type="button" className="btn btn-sm btn-link" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}

/** The tokens table: one's own (rename and revoke) or, with `showOwner`, everyone's for the admin console (revoke). */
export function TokenTable({ rows, showOwner = false }: { rows: TokenRow[]; showOwner?: boolean }) {
  const [result, setResult] = useState<Outcome>();
  if (rows.length === 0) return <p className="text-body-secondary">No tokens yet.</p>;
  return (
    <>
      <OutcomeAlert outcome={result} />
      <div className="table-responsive">
        <table className="table align-middle">
          <thead>
            <tr>
              {showOwner && <th scope="col">Owner</th>}
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="token-row">
                {showOwner && <td>{row.ownerEmail}</td>}
                <td>
                  {showOwner || row.status === "revoked" ? (
                    <span className="fw-semibold">{row.name}</span>
                  ) : (
                    <RenameCell row={row} onDone={setResult} />
                  )}
                </td>
                <td>
                  <code>{row.visible}</code>
                </td>
                <td>
                  <div className="d-flex flex-wrap gap-1">
                    {row.scopes.map((scope) => (
                      <span key={scope} className="badge text-bg-light border font-monospace fw-normal">
                        {scope}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="small text-nowrap">{row.created}</td>
                <td className="small text-nowrap">{row.expires}</td>
                <td className="small">{row.lastUsed ?? <span className="text-body-secondary">never</span>}</td>
                <td>
                  <Status status={row.status} />
                </td>
                <td className="text-end text-nowrap">
                  <RevokeButton row={row} onDone={setResult} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
