import type { SendProgress } from "@/lib/email/bulk";

// A composed send's messages by state, as one stacked bar and its numbers.

const parts = [
  ["SENT", "sent", "bg-success"],
  ["SUPPRESSED", "suppressed (opted out)", "bg-secondary"],
  ["FAILED", "failed (retrying)", "bg-warning"],
  ["DEAD", "undeliverable", "bg-danger"],
  ["CANCELLED", "cancelled", "bg-dark"],
] as const;

export function SendProgressBar({ progress, recipients }: { progress: SendProgress; recipients: number }) {
  const queued = progress.QUEUED + progress.SENDING;
  return (
    <div>
      <div className="progress-stacked mb-2" style={{ height: "1.25rem" }}>
        {parts.map(([state, label, colour]) => {
          const share = recipients ? (progress[state] / recipients) * 100 : 0;
          return share > 0 ? (
            <div
              key={state}
              className="progress"
              role="progressbar"
              aria-label={label}
              aria-valuenow={progress[state]}
              aria-valuemin={0}
              aria-valuemax={recipients}
              style={{ width: `${share}%` }}
            >
              <div className={`progress-bar ${colour}`} />
            </div>
          ) : null;
        })}
      </div>
      <ul className="list-inline small mb-0" data-testid="send-counts">
        <li className="list-inline-item">
          <strong>{queued}</strong> queued
        </li>
        {parts.map(([state, label]) => (
          <li key={state} className="list-inline-item">
            <strong>{progress[state]}</strong> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
