import { Link } from "@/components/link";
import type { SendProgress } from "@/lib/email/bulk";

// The latest composed emails on /admin/emails: each links to its progress page.

type Send = { id: string; subject: string; audienceLabel: string; recipients: number; scheduledAt: Date; progress: SendProgress };

export function RecentSends({ sends }: { sends: Send[] }) {
  if (sends.length === 0) return <p className="small text-body-secondary">No composed emails yet.</p>;
  return (
    <div className="table-responsive">
      <table className="table table-sm align-middle small">
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">To</th>
            <th scope="col">Starts (UTC)</th>
            <th scope="col">Sent</th>
            <th scope="col">Waiting</th>
            <th scope="col">Suppressed</th>
          </tr>
        </thead>
        <tbody>
          {sends.map((send) => (
            <tr key={send.id} data-testid="send-row">
              <td>
                <Link href={`/admin/emails/sends/${send.id}`}>{send.subject}</Link>
              </td>
              <td>{send.audienceLabel}</td>
              <td className="text-nowrap">{send.scheduledAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              <td>
                {send.progress.SENT} of {send.recipients}
              </td>
              <td>{send.progress.QUEUED + send.progress.SENDING + send.progress.FAILED}</td>
              <td>{send.progress.SUPPRESSED}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
