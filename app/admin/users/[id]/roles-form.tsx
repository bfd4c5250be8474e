"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useOutcomeToast } from "@/components/admin/toasts";
import { useHydrated } from "@/components/forms/use-hydrated";
import { setUserRolesAction } from "../actions";

/** `yours`: the actor holds everything the role grants, so may give or take it. `readOnlyReason`: why nothing can change. */
type Props = { userId: string; roles: { id: string; name: string; yours: boolean }[]; assigned: string[]; readOnlyReason: string | null };

const BEYOND_NOTE = "roles-beyond-note";

export function UserRolesForm({ userId, roles, assigned, readOnlyReason }: Props) {
  const readOnly = readOnlyReason !== null;
  const [selected, setSelected] = useState(new Set(assigned));
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const toast = useOutcomeToast();
  const router = useRouter();
  const toggle = (id: string) => setSelected((all) => (all.has(id) ? new Set([...all].filter((x) => x !== id)) : new Set([...all, id])));
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await setUserRolesAction({ userId, roleIds: [...selected] });
      toast(result);
      if (result.ok) router.refresh();
      else setSelected(new Set(assigned));
    });
  };
  return (
    <form onSubmit={save}>
      {readOnly && (
        <p id="roles-read-only" className="small text-body-secondary">
          {readOnlyReason}
        </p>
      )}
      <fieldset disabled={readOnly} aria-describedby={readOnly ? "roles-read-only" : undefined}>
        <legend className="visually-hidden">Roles</legend>
        {roles.map((role) => (
          <div className="form-check" key={role.id}>
            <input
              className="form-check-input"
              type="checkbox"
              id={`role-${role.id}`}
              checked={selected.has(role.id)}
              disabled={!role.yours}
              aria-describedby={role.yours ? undefined : BEYOND_NOTE}
              onChange={() => toggle(role.id)}
            />
            <label className="form-check-label" htmlFor={`role-${role.id}`}>
              {role.name}
              {!readOnly && !role.yours && <span className="small text-body-secondary"> (can do things you cannot)</span>}
            </label>
          </div>
        ))}
        {!readOnly && roles.some((role) => !role.yours) && (
          <p id={BEYOND_NOTE} className="small text-body-secondary mt-2 mb-0">
            Roles that can do things you cannot are greyed out: only someone who holds all their permissions can give or take them.
          </p>
        )}
        {!readOnly && (
          <button type="submit" className="btn btn-primary btn-sm mt-3" disabled={pending || !hydrated}>
            {pending ? "Saving…" : "Save roles"}
          </button>
        )}
      </fieldset>
    </form>
  );
}
