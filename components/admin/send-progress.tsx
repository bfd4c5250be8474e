import type { SendProgress } from "@/lib/email/bulk";

// A composed send's messages by state: how far it has got (a native progress bar: no inline style, which the
// page's CSP refuses) and the numbers.

const states = [
  ["SENT", "sent"],
  ["SUPPRESSED", "suppressed (opted out)"],
  ["FAILED", "failed (retrying)"],
  ["DEAD", "undeliverable"],
  ["CANCELLED", "cancelled"],
] as const;

export function SendProgressBar({ progress, recipients }: { progress: SendProgress; recipients: number }) {
  const queued = progress.QUEUED + progress.SENDING;
  const settled = recipients - queued - progress.FAILED;
  return (
    <div>
      <progress className="w-100 mb-2" value={settled} max={recipients} aria-label={`${settled} of ${recipients} settled`} />
      <ul className="list-inline small mb-0" data-testid="send-counts">
        <li className="list-inline-item">
          <strong>{queued}</strong> queued
        </li>
        {states.map(([state, label]) => (
          <li key={state} className="list-inline-item">
            <strong>{progress[state]}</strong> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
