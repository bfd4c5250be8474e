import type { Metadata } from "next";
import { Link } from "@/components/link";
import { AuditDetails } from "@/components/admin/audit-details";
import { FilterForm, InvalidFilters, keptParams, queryValues } from "@/components/admin/list-filters";
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
      <FilterForm
        label="Filter the audit log"
        idPrefix="audit"
        values={query}
        resetHref="/admin/audit"
        fields={[
          { name: "actor", label: "Actor (email or id)", type: "text", width: "col-md-3" },
          { name: "action", label: "Action", type: "select", anyLabel: "Any action", options: actionOptions, width: "col-md-3" },
          { name: "target", label: "Target id", type: "text", width: "col-md-2" },
          { name: "from", label: "From", type: "date", width: "col-6 col-md-auto" },
          { name: "to", label: "To", type: "date", width: "col-6 col-md-auto" },
        ]}
      />

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
