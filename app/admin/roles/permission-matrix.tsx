"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useOutcomeToast } from "@/components/admin/toasts";
import { useHydrated } from "@/components/forms/use-hydrated";
import { setRolePermissionsAction } from "./actions";

type Role = { id: string; name: string; locked: boolean; permissions: string[] };
type Permission = { key: string; description: string; yours: boolean };

// Ids of the notes that say why a checkbox cannot change, for its aria-describedby.
const READ_ONLY_NOTE = "matrix-read-only-note";
const lockedNote = (role: Role) => `matrix-locked-${role.id}`;
const notYoursNote = (p: Permission) => `matrix-not-yours-${p.key.replace(":", "-")}`;

/** Roles across, permissions down; each role's column is saved on its own. Every disabled box says why. */
export function PermissionMatrix({ roles, permissions, readOnly }: { roles: Role[]; permissions: Permission[]; readOnly: boolean }) {
  // Only unsaved edits live here; every other column comes from the server's props, so a role created or renamed
  // in place (router.refresh) shows up without a reload.
  const [edits, setEdits] = useState<Record<string, Set<string>>>({});
  const grantsOf = (role: Role) => edits[role.id] ?? new Set(role.permissions);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const toast = useOutcomeToast();
  const router = useRouter();
  const dirty = (role: Role) => {
    const granted = grantsOf(role);
    return granted.size !== role.permissions.length || role.permissions.some((p) => !granted.has(p));
  };
  const toggle = (role: Role, key: string) =>
    setEdits((all) => {
      const next = new Set(all[role.id] ?? role.permissions);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return { ...all, [role.id]: next };
    });
  const save = (role: Role) =>
    startTransition(async () => {
      const result = await setRolePermissionsAction({ roleId: role.id, permissions: [...grantsOf(role)] });
      toast(result, result.ok ? `${role.name}: ${result.message}` : undefined);
      if (result.ok) router.refresh();
    });

  return (
    <div className="table-responsive">
      {readOnly && (
        <p id={READ_ONLY_NOTE} className="alert alert-secondary small py-2">
          You can see who may do what, but changing it needs the roles:manage permission, which you do not hold.
        </p>
      )}
      <table className="table table-sm align-middle permission-matrix">
        <thead>
          <tr>
            <th scope="col">Permission</th>
            {roles.map((role) => (
              <th scope="col" key={role.id} className="text-center">
                {role.name}
                {role.locked && (
                  <div id={lockedNote(role)} className="small fw-normal text-body-secondary">
                    always holds every permission
                  </div>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {permissions.map((p) => (
            <tr key={p.key}>
              <th scope="row" className="fw-normal">
                <code>{p.key}</code>
                <div className="small text-body-secondary">{p.description}</div>
                {!readOnly && !p.yours && (
                  <div id={notYoursNote(p)} className="small text-body-secondary fst-italic">
                    You do not hold this permission, so you cannot grant or withdraw it.
                  </div>
                )}
              </th>
              {roles.map((role) => {
                const reasons = [
                  readOnly && READ_ONLY_NOTE,
                  role.locked && lockedNote(role),
                  !readOnly && !p.yours && notYoursNote(p),
                ].filter(Boolean);
                return (
                  <td key={role.id} className="text-center">
                    <input
                      type="checkbox"
                      className="form-check-input"
                      aria-label={`${role.name}: ${p.key}`}
                      aria-describedby={reasons.length ? reasons.join(" ") : undefined}
                      checked={grantsOf(role).has(p.key)}
                      disabled={reasons.length > 0 || !hydrated}
                      onChange={() => toggle(role, p.key)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {!readOnly && (
          <tfoot>
            <tr>
              <td />
              {roles.map((role) => (
                <td key={role.id} className="text-center">
                  {!role.locked && (
                    <button type="button" className="btn btn-sm btn-primary" disabled={pending || !dirty(role)} onClick={() => save(role)}>
                      Save {role.name}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
