import type { System } from "@/lib/kernel/registry";

// What people read in the audit log for each action code: the label its module declares. The codes stay in the
// database and the CSV; a code no module declares any more (an old row) still reads well, humanised.

/** "sessionsEnded" or "email_change_cancel" as "Sessions ended", "Email change cancel". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The readable name of an audit action. */
export function auditActionLabel(system: System, action: string): string {
  return system.auditActions.get(action) ?? humanise(action);
}
