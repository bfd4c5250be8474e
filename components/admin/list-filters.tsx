import { Link } from "@/components/link";
import type { z } from "zod";
import { z as zod } from "@/lib/zod";

// Pieces every filtered admin list shares: the query string as plain values, the filter form with Apply/Reset,
// and what to say when the filters do not validate (nothing is searched then).

type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each query parameter. */
export function queryValues(searchParams: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The non-empty parameters except those named, for links that keep the current filters. */
export function keptParams(values: Record<string, string | undefined>, except: string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && !except.includes(e[0])),
  );
}

type FilterField = {
  /** The query parameter; the control's id is `<idPrefix>-<name>`. */
  name: string;
  label: string;
  /** Bootstrap column classes: how wide the field is in the row. */
  width: string;
} & ({ type: "text" | "search" | "date" } | { type: "select"; anyLabel: string; options: readonly { value: string; label: string }[] });

/** A filtered list's filters: one GET form of small labelled fields, Apply and Reset. */
export function FilterForm(props: {
  label: string;
  idPrefix: string;
  fields: readonly FilterField[];
  /** The parsed query, or null when it did not validate (the fields then start empty). */
  values: Readonly<Record<string, unknown>> | null;
  resetHref: string;
}) {
  return (
    <form method="get" className="row g-2 align-items-end mb-3" aria-label={props.label}>
      {props.fields.map((field) => {
        const id = `${props.idPrefix}-${field.name}`;
        const given = props.values?.[field.name];
        const value = typeof given === "string" ? given : "";
        return (
          <div className={field.width} key={field.name}>
            <label htmlFor={id} className="form-label small mb-1">
              {field.label}
            </label>
            {field.type === "select" ? (
              <select id={id} name={field.name} defaultValue={value} className="form-select form-select-sm">
                <option value="">{field.anyLabel}</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={field.name}
                type={field.type === "text" ? undefined : field.type}
                defaultValue={value}
                className="form-control form-control-sm"
              />
            )}
          </div>
        );
      })}
      <FilterButtons resetHref={props.resetHref} />
    </form>
  );
}

export function FilterButtons({ resetHref }: { resetHref: string }) {
  return (
    <div className="col-12 col-md-auto d-flex gap-2">
      <button type="submit" className="btn btn-sm btn-primary">
        Apply
      </button>
      <Link href={resetHref} className="btn btn-sm btn-outline-secondary">
        Reset
      </Link>
    </div>
  );
}

export function InvalidFilters({ error }: { error: z.ZodError }) {
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-1 fw-semibold">These filters are not valid, so nothing was searched:</p>
      <ul className="mb-0">
        {Object.entries(zod.flattenError(error).fieldErrors).map(([field, messages]) => (
          <li key={field}>
            {field}: {(messages as string[])[0]}
          </li>
        ))}
      </ul>
    </div>
  );
}
