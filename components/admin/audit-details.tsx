import { humanise } from "@/lib/audit/labels";

// An audit entry's details as people read them: a before → after table for changes, a short definition
// list for the rest. Every value is text that React escapes; nothing here renders stored HTML.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const isRecord = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One value on one line: lists joined, nested objects as "key: value" pairs. */
function text(value: Json | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(text).join(", ") : "none";
  if (isRecord(value))
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${humanise(k)}: ${text(v)}`)
      .join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

function Change({ before, after }: { before: Json; after: Json }) {
  // Field by field when both sides are records (a profile); otherwise the two values side by side.
  const rows =
    isRecord(before) && isRecord(after)
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) => ({
          key,
          label: humanise(key),
          before: before[key],
          after: after[key],
        }))
      : [{ key: "value", label: "", before, after }];
  return (
    <table className="table table-sm table-borderless mb-1">
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const changed = text(row.before) !== text(row.after);
          return (
            <tr key={row.key}>
              {row.label ? (
                <th scope="row" className="fw-semibold pe-2 py-0">
                  {row.label}
                </th>
              ) : (
                <td className="p-0" />
              )}
              <td className={`py-0 ${changed ? "text-body-secondary text-decoration-line-through" : ""}`}>{text(row.before)}</td>
              <td className="py-0 px-1" aria-hidden="true">
                →
              </td>
              <td className={`py-0 ${changed ? "fw-semibold" : ""}`}>{text(row.after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AuditDetails({ details }: { details: unknown }) {
  if (details === null || details === undefined) return null;
  if (!isRecord(details)) return <span>{text(details as Json)}</span>;
  const { before, after, ...rest } = details;
  const hasChange = "before" in details && "after" in details;
  const others = Object.entries(hasChange ? rest : details);
  return (
    <>
      {hasChange && <Change before={before ?? null} after={after ?? null} />}
      {others.length > 0 && (
        <dl className="mb-0">
          {others.map(([key, value]) => (
            <div key={key} className="d-flex gap-2">
              <dt className="fw-semibold text-nowrap">{humanise(key)}</dt>
              <dd className="mb-0 text-break">{text(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
