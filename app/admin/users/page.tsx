import type { Metadata } from "next";
import { Link } from "@/components/link";
import { FilterButtons, InvalidFilters, keptParams, queryValues } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { requirePermission } from "@/lib/auth/current-user";
import { roleOptions } from "@/lib/roles/roles";
import { listUsers } from "@/lib/users/list";
import { userPermissions } from "@/lib/users/permissions";
import { PAGE_SIZES } from "@/lib/fields";
import { userListQuerySchema } from "@/lib/users/schemas";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div className="col-6 col-md-auto">
      <label htmlFor={`filter-${name}`} className="form-label small mb-1">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="form-select form-select-sm">
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission(userPermissions.read);
  const raw = queryValues(await searchParams);
  const parsed = userListQuerySchema.safeParse(raw);
  const roles = await roleOptions(actor);
  const query = parsed.success ? parsed.data : null;
  const result = query ? await listUsers(actor, query) : null;
  const params = keptParams(raw, ["page"]);

  return (
    <>
      <h1 className="h2 mb-3">Users</h1>
      <form method="get" className="row g-2 align-items-end mb-3" role="search" aria-label="Find users">
        <div className="col-12 col-md">
          <label htmlFor="filter-q" className="form-label small mb-1">
            Search
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={query?.q ?? ""}
            placeholder="Name or email"
            className="form-control form-control-sm"
          />
        </div>
        <Select
          name="role"
          label="Role"
          value={query?.role}
          options={[["", "Any role"], ...roles.map((r): [string, string] => [r.name, r.name])]}
        />
        <Select
          name="status"
          label="Status"
          value={query?.status}
          options={[
            ["", "Active and disabled"],
            ["active", "Active"],
            ["disabled", "Disabled"],
            ["deleted", "Deleted"],
          ]}
        />
        <Select
          name="verified"
          label="Email"
          value={query?.verified}
          options={[
            ["", "Any"],
            ["yes", "Confirmed"],
            ["no", "Not confirmed"],
          ]}
        />
        <Select
          name="twoFactor"
          label="Two-factor"
          value={query?.twoFactor}
          options={[
            ["", "Any"],
            ["on", "On"],
            ["off", "Off"],
          ]}
        />
        <Select
          name="sort"
          label="Sort by"
          value={query?.sort}
          options={[
            ["createdAt", "Joined"],
            ["name", "Name"],
            ["email", "Email"],
          ]}
        />
        <Select
          name="dir"
          label="Order"
          value={query?.dir}
          options={[
            ["desc", "Descending"],
            ["asc", "Ascending"],
          ]}
        />
        <Select
          name="size"
          label="Per page"
          value={query ? String(query.size) : undefined}
          options={PAGE_SIZES.map((s): [string, string] => [String(s), String(s)])}
        />
        <FilterButtons resetHref="/admin/users" />
      </form>

      {!parsed.success && <InvalidFilters error={parsed.error} />}

      {result && query && (
        <>
          <p className="small text-body-secondary" role="status">
            {result.capped
              ? `More than ${result.total.toLocaleString("en")} users`
              : `${result.total.toLocaleString("en")} user${result.total === 1 ? "" : "s"}`}
            {result.total > 0 && ` · page ${query.page}${result.capped ? "" : ` of ${result.pages.toLocaleString("en")}`}`}
          </p>
          <div className="table-responsive">
            <table className="table table-sm table-hover align-middle">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {result.users.map((u) => (
                  <tr key={u.id} data-testid="user-row">
                    <td>
                      <Link href={`/admin/users/${u.id}`}>
                        {u.lastName}, {u.firstName}
                      </Link>
                    </td>
                    <td className="text-break">{u.email}</td>
                    <td>{u.roles.join(", ") || <span className="text-body-secondary">none</span>}</td>
                    <td>
                      <div className="d-flex flex-wrap gap-1">
                        {u.deletedAt ? (
                          <span className="badge text-bg-dark">deleted</span>
                        ) : u.status === "ACTIVE" ? (
                          <span className="badge text-bg-success">active</span>
                        ) : (
                          <span className="badge text-bg-secondary">disabled</span>
                        )}
                        {!u.emailVerified && <span className="badge text-bg-warning">unconfirmed</span>}
                        {u.twoFactorEnabledAt && <span className="badge text-bg-info">2FA</span>}
                        {u.lockedUntil && u.lockedUntil > new Date() && <span className="badge text-bg-danger">locked</span>}
                      </div>
                    </td>
                    <td>{day(u.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.total === 0 && <p className="text-body-secondary">No user matches these filters.</p>}
          <Pagination page={query.page} pages={result.pages} params={params} label="Users pages" />
        </>
      )}
    </>
  );
}
