import type { FieldSpec } from "@/lib/kernel/resource";

// How a record's value reads on the screens: choices in words, days as days, people by name.

/** "on_hold" reads "On hold". */
export function optionLabel(option: string): string {
  const words = option.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const BADGES: Record<string, string> = {
  active: "text-bg-primary",
  doing: "text-bg-primary",
  done: "text-bg-success",
  on_hold: "text-bg-warning",
  todo: "text-bg-secondary",
};

export function FieldValue({ spec, value, names }: { spec: FieldSpec; value: unknown; names?: Record<string, string> }) {
  if (value === null || value === undefined || value === "") return <span className="text-body-secondary">—</span>;
  const text = String(value);
  if (spec.input === "select") return <span className={`badge ${BADGES[text] ?? "text-bg-light"}`}>{optionLabel(text)}</span>;
  if (spec.input === "user") return <>{names?.[text] ?? "Someone"}</>;
  if (spec.input === "parent") return <>{names?.[text] ?? text}</>;
  return <>{text}</>;
}
