"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/admin/toasts";
import { useHydrated } from "@/components/forms/use-hydrated";
import { setUserRolesAction } from "../actions";

type Props = { userId: string; roles: { id: string; name: string }[]; assigned: string[]; readOnly: boolean };

export function UserRolesForm({ userId, roles, assigned, readOnly }: Props) {
  const [selected, setSelected] = useState(new Set(assigned));
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const toast = useToast();
  const router = useRouter();
  const toggle = (id: string) => setSelected((all) => (all.has(id) ? new Set([...all].filter((x) => x !== id)) : new Set([...all, id])));
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await setUserRolesAction({ userId, roleIds: [...selected] });
      toast(result.ok ? (result.message ?? "Saved.") : (result.formError ?? "That did not work."), result.ok);
      if (result.ok) router.refresh();
      else setSelected(new Set(assigned));
    });
  };
  return (
    <form onSubmit={save}>
      <fieldset disabled={readOnly}>
        <legend className="visually-hidden">Roles</legend>
        {roles.map((role) => (
          <div className="form-check" key={role.id}>
            <input className="form-check-input" type="checkbox" id={`role-${role.id}`} checked={selected.has(role.id)} onChange={() => toggle(role.id)} />
            <label className="form-check-label" htmlFor={`role-${role.id}`}>
              {role.name}
            </label>
          </div>
        ))}
        {!readOnly && (
          <button type="submit" className="btn btn-primary btn-sm mt-3" disabled={pending || !hydrated}>
            {pending ? "Saving…" : "Save roles"}
          </button>
        )}
      </fieldset>
    </form>
  );
}
