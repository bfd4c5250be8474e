import type { Metadata } from "next";
import { Link } from "@/components/link";
import { ActionButton } from "@/components/admin/action-button";
import { FilterForm, InvalidFilters, keptParams, queryValues } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { emailPermissions } from "@/lib/email/permissions";
import { listSuppressions } from "@/lib/email/suppression";
import { suppressionQuerySchema } from "@/lib/email/suppression-schemas";
import { currentRequestContext } from "@/lib/request-context";
import { liftSuppressionAction } from "./actions";

export const metadata: Metadata = { title: "Suppressed addresses" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export default async function SuppressionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission(emailPermissions.read);
  const raw = queryValues(await searchParams);
  const parsed = suppressionQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : null;
  const result = query ? await listSuppressions(actor, query, await currentRequestContext()) : null;
  const manage = can(actor, emailPermissions.manage);

  return (
    <>
      <nav aria-label="breadcrumb">
        <ol className="breadcrumb small mb-1">
          <li className="breadcrumb-item">
            <Link href="/admin/emails">Emails</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Suppressed addresses
          </li>
        </ol>
      </nav>
      <h1 className="h2 mb-1">Suppressed addresses</h1>
      <p className="text-body-secondary mb-3">
        These addresses bounced for good or their owners reported a message as spam. They still get security mail (password resets, sign-in
        notices), nothing else. Lift a suppression once the address works again.
      </p>
      <FilterForm
        label="Filter the suppressed addresses"
        idPrefix="suppression"
        values={query}
        resetHref="/admin/emails/suppressions"
        fields={[{ name: "q", label: "Address", type: "search", width: "col-md-4" }]}
      />

      {!parsed.success && <InvalidFilters error={parsed.error} />}

      {result && query && (
        <>
          <p className="small text-body-secondary" role="status">
            {result.total.toLocaleString("en")} suppressed address{result.total === 1 ? "" : "es"}
          </p>
          <div className="table-responsive">
            <table className="table table-sm align-middle small">
              <thead>
                <tr>
                  <th scope="col">Since (UTC)</th>
                  <th scope="col">Address</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Provider&apos;s words</th>
                  {manage && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {result.items.map((s) => (
                  <tr key={s.id} data-testid="suppression-row">
                    <td className="text-nowrap">{when(s.createdAt)}</td>
                    <td className="text-break">{s.address}</td>
                    <td>
                      <span className="badge text-bg-danger">{s.reason === "BOUNCE" ? "hard bounce" : "spam complaint"}</span>
                      {s.messageId && (
                        <div>
                          <Link href={`/admin/emails?id=${encodeURIComponent(s.messageId)}`}>the message</Link>
                        </div>
                      )}
                    </td>
                    <td className="text-break">{s.detail || "—"}</td>
                    {manage && (
                      <td className="text-nowrap">
                        <ActionButton
                          action={liftSuppressionAction}
                          input={{ id: s.id }}
                          label="Lift"
                          variant="outline-primary"
                          confirm={{
                            title: "Lift this suppression?",
                            body: `${s.address} will get every kind of mail again. If it still bounces, it is suppressed again.`,
                            confirmLabel: "Lift the suppression",
                          }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={query.page} pages={result.pages} params={keptParams(raw, ["page"])} label="Suppression pages" />
        </>
      )}
    </>
  );
}
