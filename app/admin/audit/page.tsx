import type { Metadata } from "next";
import Link from "next/link";
import { AuditDetails } from "@/components/admin/audit-details";
import { FilterButtons, InvalidFilters, keptParams, queryValues } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { auditActionLabel } from "@/lib/audit/labels";
import { auditPermissions } from "@/lib/audit/permissions";
import { listAuditEntries } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { system } from "@/modules";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const actionOptions = [...system.auditActions.keys()]
  .map((value) => ({ value, label: auditActionLabel(system, value) }))
  .sort((a, b) => a.label.localeCompare(b.label, "en"));

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission(auditPermissions.read);
  const raw = queryValues(await searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : null;
  const result = query ? await listAuditEntries(actor, query) : null;
  const filters = keptParams(raw, ["page", "size"]);

  return (
    <>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        <h1 className="h2 mb-0 me-auto">Audit log</h1>
        {can(actor, auditPermissions.export) && query && (
          // A POST, never a link: an export is audited, and a cross-site page must not be able to cause one.
          <form method="post" action="/admin/audit/export">
            {Object.entries(filters).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" className="btn btn-sm btn-outline-primary">
              Export CSV
            </button>
          </form>
        )}
      </div>
      <form method="get" className="row g-2 align-items-end mb-3" aria-label="Filter the audit log">
        <div className="col-md-3">
          <label htmlFor="audit-actor" className="form-label small mb-1">
            Actor (email or id)
          </label>
          <input id="audit-actor" name="actor" defaultValue={query?.actor ?? ""} className="form-control form-control-sm" />
        </div>
        <div className="col-md-3">
          <label htmlFor="audit-action" className="form-label small mb-1">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query?.action ?? ""} className="form-select form-select-sm">
            <option value="">Any action</option>
            {actionOptions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-2">
          <label htmlFor="audit-target" className="form-label small mb-1">
            Target id
          </label>
          <input id="audit-target" name="target" defaultValue={query?.target ?? ""} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-auto">
          <label htmlFor="audit-from" className="form-label small mb-1">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={query?.from ?? ""} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-auto">
          <label htmlFor="audit-to" className="form-label small mb-1">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={query?.to ?? ""} className="form-control form-control-sm" />
        </div>
        <FilterButtons resetHref="/admin/audit" />
      </form>

      {!parsed.success && <InvalidFilters error={parsed.error} />}

      {result && query && (
        <>
          <p className="small text-body-secondary" role="status">
            {result.total.toLocaleString("en")} entr{result.total === 1 ? "y" : "ies"}
          </p>
          <div className="table-responsive">
            <table className="table table-sm align-middle small">
              <thead>
                <tr>
                  <th scope="col">Time (UTC)</th>
                  <th scope="col">Action</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                  <th scope="col">Address</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {result.entries.map((e) => (
                  <tr key={e.id} data-testid="audit-row">
                    <td className="text-nowrap">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                    <td>{auditActionLabel(system, e.action)}</td>
                    <td className="text-break">{e.actorEmail ?? e.actorId ?? "—"}</td>
                    <td>
                      <AuditTarget type={e.targetType} id={e.targetId} />
                    </td>
                    <td>{e.ipAddress ?? "—"}</td>
                    <td>
                      <AuditDetails details={e.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={query.page}
            pages={result.pages}
            params={{ ...filters, ...(raw.size ? { size: String(raw.size) } : {}) }}
            label="Audit log pages"
          />
        </>
      )}
    </>
  );
}

/** A target links to its page when its module declares one; a purged record's id stays as text. */
function AuditTarget({ type, id }: { type: string | null; id: string | null }) {
  if (!type || !id) return "—";
  const href = system.auditTargetHref(type, id);
  return href ? <Link href={href}>{id}</Link> : `${type} ${id}`;
}
