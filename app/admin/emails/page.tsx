import type { Metadata } from "next";
import { Link } from "@/components/link";
import { ActionButton } from "@/components/admin/action-button";
import { FilterForm, InvalidFilters, keptParams, queryValues } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { RecentSends } from "@/components/admin/recent-sends";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { listSends } from "@/lib/email/bulk";
import { listOutbox } from "@/lib/email/outbox";
import { outboxQuerySchema, outboxStatuses } from "@/lib/email/outbox-schemas";
import { emailPermissions } from "@/lib/email/permissions";
import { currentRequestContext } from "@/lib/request-context";
import { cancelEmailAction, retryEmailAction } from "./actions";

export const metadata: Metadata = { title: "Emails" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const statusOptions = outboxStatuses.map((status) => ({ value: status, label: status === "dead" ? "undeliverable" : status }));

const badge: Record<string, string> = {
  QUEUED: "text-bg-secondary",
  SENDING: "text-bg-info",
  SENT: "text-bg-success",
  FAILED: "text-bg-warning",
  DEAD: "text-bg-danger",
  CANCELLED: "text-bg-light border",
  SUPPRESSED: "text-bg-light border",
  DELIVERED: "text-bg-success",
  BOUNCED: "text-bg-danger",
  COMPLAINED: "text-bg-danger",
};

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export default async function EmailsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission(emailPermissions.read);
  const raw = queryValues(await searchParams);
  const parsed = outboxQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : null;
  const result = query ? await listOutbox(actor, query, await currentRequestContext()) : null;
  const manage = can(actor, emailPermissions.manage);
  const sends = can(actor, emailPermissions.send) ? await listSends(actor, await currentRequestContext(), 5) : null;

  return (
    <>
      <h1 className="h2 mb-1">Emails</h1>
      <p className="text-body-secondary mb-3">
        Every message the system stored to send, newest first. Failed ones are retried on their own; after the last attempt a message waits
        here as undeliverable. Addresses that bounced for good or complained get only security mail:{" "}
        <Link href="/admin/emails/suppressions">suppressed addresses</Link>.
      </p>
      {sends && (
        <section className="mb-4" aria-labelledby="sends-heading">
          <div className="d-flex align-items-center gap-3 mb-2">
            <h2 id="sends-heading" className="h5 mb-0">
              Composed emails
            </h2>
            <Link href="/admin/emails/new" className="btn btn-sm btn-primary">
              Compose an email
            </Link>
          </div>
          <RecentSends sends={sends} />
        </section>
      )}
      <FilterForm
        label="Filter the emails"
        idPrefix="email"
        values={query}
        resetHref="/admin/emails"
        fields={[
          { name: "q", label: "Recipient or subject", type: "search", width: "col-md-4" },
          { name: "status", label: "State", type: "select", anyLabel: "Any state", options: statusOptions, width: "col-md-3" },
        ]}
      />

      {!parsed.success && <InvalidFilters error={parsed.error} />}

      {result && query && (
        <>
          <p className="small text-body-secondary" role="status">
            {result.total.toLocaleString("en")} email{result.total === 1 ? "" : "s"}
          </p>
          <div className="table-responsive">
            <table className="table table-sm align-middle small">
              <thead>
                <tr>
                  <th scope="col">Stored (UTC)</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Next attempt / sent</th>
                  <th scope="col">Last error</th>
                  {manage && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {result.messages.map((m) => (
                  <tr key={m.id} data-testid="email-row">
                    <td className="text-nowrap">{when(m.createdAt)}</td>
                    <td className="text-break">{m.to}</td>
                    <td>
                      {m.subject}
                      <div className="text-body-secondary">{m.template}</div>
                    </td>
                    <td>
                      <span className={`badge ${badge[m.status]}`}>{m.status === "DEAD" ? "undeliverable" : m.status.toLowerCase()}</span>
                    </td>
                    <td>
                      {m.attempts} of {result.maxAttempts}
                    </td>
                    <td className="text-nowrap">{m.sentAt ? when(m.sentAt) : m.status === "FAILED" ? when(m.nextAttemptAt) : "—"}</td>
                    <td className="text-break">{m.lastError ?? "—"}</td>
                    {manage && (
                      <td className="text-nowrap">
                        <div className="d-flex gap-1">
                          {(m.status === "FAILED" || m.status === "DEAD") && (
                            <ActionButton action={retryEmailAction} input={{ id: m.id }} label="Retry now" variant="outline-primary" />
                          )}
                          {(m.status === "QUEUED" || m.status === "FAILED" || m.status === "DEAD") && (
                            <ActionButton
                              action={cancelEmailAction}
                              input={{ id: m.id }}
                              label="Cancel"
                              variant="outline-danger"
                              confirm={{
                                title: "Cancel this email?",
                                body: `The email to ${m.to} will not be sent. This cannot be undone.`,
                                confirmLabel: "Cancel the email",
                              }}
                            />
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={query.page}
            pages={result.pages}
            params={{ ...keptParams(raw, ["page", "size"]), ...(raw.size ? { size: String(raw.size) } : {}) }}
            label="Email pages"
          />
        </>
      )}
    </>
  );
}
