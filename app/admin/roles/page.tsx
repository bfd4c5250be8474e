import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { rolePermissions } from "@/lib/roles/permissions";
import { listRoles } from "@/lib/roles/roles";
import { deleteRoleAction } from "./actions";
import { CreateRoleForm, EditRoleForm } from "./role-forms";
import { PermissionMatrix } from "./permission-matrix";

export const metadata: Metadata = { title: "Roles and permissions" };

export default async function RolesPage() {
  const actor = await requirePermission(rolePermissions.read);
  const { roles, permissions } = await listRoles(actor);
  const manage = can(actor, rolePermissions.manage);
  return (
    <>
      <h1 className="h2 mb-3">Roles and permissions</h1>
      <section aria-labelledby="matrix-heading" className="mb-5">
        <h2 id="matrix-heading" className="h5">
          Who may do what
        </h2>
        <p className="small text-body-secondary">
          The admin role always holds every permission. You can grant or withdraw only permissions you hold yourself.
        </p>
        <PermissionMatrix
          roles={roles.map((r) => ({ id: r.id, name: r.name, locked: r.locked, permissions: r.permissions }))}
          permissions={permissions.map((p) => ({ key: p.key, description: p.description, yours: actor.permissions.has(p.key) }))}
          readOnly={!manage}
        />
      </section>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="h5">
          Roles
        </h2>
        <div className="row g-3">
          {roles.map((role) => (
            <div className="col-md-6 col-xl-4" key={role.id}>
              <div className="card h-100" data-testid="role-card">
                <div className="card-body">
                  <h3 className="h6 d-flex gap-2 align-items-center">
                    {role.name}
                    {role.builtIn && <span className="badge text-bg-light border">built-in</span>}
                    <span className="badge text-bg-secondary ms-auto">
                      {role.users} user{role.users === 1 ? "" : "s"}
                    </span>
                  </h3>
                  {manage ? (
                    <EditRoleForm role={{ roleId: role.id, name: role.name, description: role.description }} builtIn={role.builtIn} />
                  ) : (
                    <p className="small mb-0">{role.description}</p>
                  )}
                  {manage && !role.builtIn && (
                    <div className="mt-2">
                      <ActionButton
                        action={deleteRoleAction}
                        input={{ roleId: role.id }}
                        label="Delete role"
                        variant="outline-danger"
                        confirm={{
                          title: `Delete the role ${role.name}?`,
                          body: "Only a role nobody holds can be deleted.",
                          confirmLabel: "Delete role",
                        }}
                      />
                    </div>
                  )}
                </div>
              </div>
            </div>
          ))}
          {manage && (
            <div className="col-md-6 col-xl-4">
              <div className="card h-100 border-dashed">
                <div className="card-body">
                  <h3 className="h6">New role</h3>
                  <CreateRoleForm />
                </div>
              </div>
            </div>
          )}
        </div>
      </section>
    </>
  );
}
