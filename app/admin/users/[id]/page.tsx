import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { auditActionLabel } from "@/lib/audit/labels";
import { requirePermission } from "@/lib/auth/current-user";
import { can, permissionsLackedOver, type Permission } from "@/lib/authz";
import { roleOptions } from "@/lib/roles/roles";
import { getUserDetail } from "@/lib/users/list";
import { userPermissions } from "@/lib/users/permissions";
import { idField } from "@/lib/fields";
import {
  deleteUserAction,
  disableUserAction,
  enableUserAction,
  markVerifiedAction,
  purgeUserAction,
  resetTwoFactorAction,
  revokeSessionsAction,
  sendResetLinkAction,
  unlockUserAction,
} from "../actions";
import { AdminProfileForm } from "./profile-form";
import { UserRolesForm } from "./roles-form";
import { system } from "@/modules";

export const metadata: Metadata = { title: "User" };

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission(userPermissions.read);
  const id = idField.safeParse((await params).id);
  const user = id.success ? await getUserDetail(actor, id.data) : null;
  if (!user) notFound();
  const roles = await roleOptions(actor);
  const input = { userId: user.id };
  const locked = !!user.lockedUntil && user.lockedUntil > new Date();
  // Nobody acts on someone who can do more than they can (lib/users/manage.ts refuses it too).
  const lacked = permissionsLackedOver(actor, user.permissions);
  const allowed = (permission: Permission) => can(actor, permission) && lacked.length === 0;
  const self = user.id === actor.id;
  const outranked = `${user.firstName} can do things you cannot, so you can look but not change this.`;
  const profileReason = self ? (
    <>
      This is you: edit your own profile on <Link href="/account">your account page</Link>.
    </>
  ) : lacked.length ? (
    outranked
  ) : !can(actor, userPermissions.update) ? (
    "Editing profiles needs the users:update permission."
  ) : null;
  const rolesReason = lacked.length
    ? outranked
    : !can(actor, userPermissions.assign_roles)
      ? "Giving and taking roles needs the users:assign_roles permission."
      : null;

  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href="/admin/users">Users</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {user.firstName} {user.lastName}
          </li>
        </ol>
      </nav>
      <h1 className="h2 mb-1">
        {user.firstName} {user.lastName}
      </h1>
      <p className="mb-4 d-flex flex-wrap gap-2 align-items-center">
        <span className="text-body-secondary">{user.email}</span>
        {user.deletedAt ? (
          <span className="badge text-bg-dark">deleted</span>
        ) : user.status === "ACTIVE" ? (
          <span className="badge text-bg-success">active</span>
        ) : (
          <span className="badge text-bg-secondary">disabled</span>
        )}
        {user.emailVerified ? (
          <span className="badge text-bg-light border">email confirmed</span>
        ) : (
          <span className="badge text-bg-warning">email not confirmed</span>
        )}
        <span className={`badge ${user.twoFactorEnabledAt ? "text-bg-info" : "text-bg-light border"}`}>
          two-factor {user.twoFactorEnabledAt ? "on" : "off"}
        </span>
        {locked && <span className="badge text-bg-danger">sign-in locked</span>}
        <span className="small text-body-secondary">
          {user.activeSessions} active session{user.activeSessions === 1 ? "" : "s"} · joined {user.createdAt.toISOString().slice(0, 10)}
        </span>
      </p>

      <div className="row g-4">
        <section className="col-xl-6" aria-labelledby="profile-heading">
          <div className="card h-100">
            <div className="card-body">
              <h2 id="profile-heading" className="h5">
                Profile
              </h2>
              <AdminProfileForm
                readOnlyReason={profileReason}
                defaults={{
                  userId: user.id,
                  firstName: user.firstName,
                  lastName: user.lastName,
                  dateOfBirth: user.dateOfBirth?.toISOString().slice(0, 10) ?? "",
                }}
              />
            </div>
          </div>
        </section>
        <section className="col-xl-6" aria-labelledby="roles-heading">
          <div className="card h-100">
            <div className="card-body">
              <h2 id="roles-heading" className="h5">
                Roles
              </h2>
              <UserRolesForm
                userId={user.id}
                roles={roles.map((role) => ({
                  id: role.id,
                  name: role.name,
                  yours: permissionsLackedOver(actor, role.permissions).length === 0,
                }))}
                assigned={user.roles.map((r) => r.id)}
                readOnlyReason={rolesReason}
              />
            </div>
          </div>
        </section>
        {!user.deletedAt && (
          <section className="col-12" aria-labelledby="actions-heading">
            <div className="card">
              <div className="card-body">
                <h2 id="actions-heading" className="h5">
                  Account actions
                </h2>
                {lacked.length > 0 && (
                  <p className="small text-body-secondary mb-0">
                    {user.firstName} can do things you cannot ({lacked.join(", ")}), so you can look but not change this account.
                  </p>
                )}
                <div className="d-flex flex-wrap gap-2">
                  {allowed(userPermissions.disable) &&
                    (user.status === "ACTIVE" ? (
                      <ActionButton
                        action={disableUserAction}
                        input={input}
                        label="Disable"
                        variant="outline-danger"
                        confirm={{
                          title: "Disable this user?",
                          body: "They are signed out everywhere at once and cannot sign in until enabled again.",
                          confirmLabel: "Disable",
                        }}
                      />
                    ) : (
                      <ActionButton action={enableUserAction} input={input} label="Enable" variant="outline-primary" />
                    ))}
                  {allowed(userPermissions.disable) && locked && (
                    <ActionButton action={unlockUserAction} input={input} label="Unlock sign-in" />
                  )}
                  {allowed(userPermissions.update) && !user.emailVerified && (
                    <ActionButton action={markVerifiedAction} input={input} label="Mark email confirmed" />
                  )}
                  {allowed(userPermissions.security) && (
                    <>
                      <ActionButton action={sendResetLinkAction} input={input} label="Send password reset link" />
                      <ActionButton
                        action={revokeSessionsAction}
                        input={input}
                        label="Sign out everywhere"
                        variant="outline-danger"
                        confirm={{
                          title: "Sign this user out everywhere?",
                          body: "Every browser where they are signed in is signed out on its next request.",
                          confirmLabel: "Sign out everywhere",
                        }}
                      />
                      {user.twoFactorEnabledAt && (
                        <ActionButton
                          action={resetTwoFactorAction}
                          input={input}
                          label="Reset two-factor"
                          variant="outline-danger"
                          confirm={{
                            title: "Reset two-factor sign-in?",
                            body: "Their authenticator and recovery codes stop working; they are told by email and set it up again at their next sign-in if their role requires it.",
                            confirmLabel: "Reset two-factor",
                          }}
                        />
                      )}
                    </>
                  )}
                  {allowed(userPermissions.delete) && (
                    <ActionButton
                      action={deleteUserAction}
                      input={input}
                      label="Delete"
                      variant="outline-danger"
                      confirm={{
                        title: "Delete this user?",
                        body: "The account closes: they are signed out and cannot sign in. The record and its audit trail are kept.",
                        confirmLabel: "Delete",
                      }}
                    />
                  )}
                  {allowed(userPermissions.purge) && (
                    <ActionButton
                      action={purgeUserAction}
                      input={input}
                      label="Delete for good"
                      variant="danger"
                      thenGoTo="/admin/users"
                      confirm={{
                        title: "Delete this user for good?",
                        body: "The account and its data are erased. Audit entries stay, without the link to this person. This cannot be undone.",
                        confirmLabel: "Delete for good",
                      }}
                    />
                  )}
                </div>
              </div>
            </div>
          </section>
        )}
        <section className="col-12" aria-labelledby="activity-heading">
          <h2 id="activity-heading" className="h5">
            Recent activity
          </h2>
          <ul className="list-group">
            {user.recentActivity.map((entry) => (
              <li key={entry.id} className="list-group-item small d-flex justify-content-between gap-2">
                <span>{auditActionLabel(system, entry.action)}</span>
                <span className="text-body-secondary">{when(entry.createdAt)}</span>
              </li>
            ))}
          </ul>
          <Link href={`/admin/audit?target=${user.id}`} className="small">
            All audit entries about this user
          </Link>
        </section>
      </div>
    </>
  );
}
