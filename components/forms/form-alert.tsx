import type { Outcome, Refusal } from "@/lib/outcome";

export function FormAlert({ message, variant = "danger" }: { message?: string; variant?: "danger" | "success" | "info" }) {
  if (!message) return null;
  return (
    <div className={`alert alert-${variant}`} role={variant === "danger" ? "alert" : "status"}>
      {message}
    </div>
  );
}

function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * The words for a refusal, wherever it is shown (form alert, toast). A plain rate limit is worded here from
 * retryAfterSeconds, so the wait is exact; every other refusal's message already says what it needs to,
 * the wait of a lock included. Field errors are not repeated: they go next to their fields.
 */
export function refusalMessage(refusal: Pick<Refusal, "code" | "message" | "retryAfterSeconds">): string {
  return refusal.code === "rate_limited" && refusal.retryAfterSeconds !== undefined
    ? retryMessage(refusal.retryAfterSeconds)
    : refusal.message;
}

/** The one way a form shows an action's outcome: a refusal as an alert, a success's message (if any) as a status. */
export function OutcomeAlert({ outcome }: { outcome?: Outcome<unknown> }) {
  if (!outcome) return null;
  return outcome.ok ? <FormAlert variant="success" message={outcome.message} /> : <FormAlert message={refusalMessage(outcome)} />;
}
