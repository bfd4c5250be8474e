import { Link } from "@/components/link";
import type { ListQuery } from "@/lib/kernel/records/list-query";
import type { Resource } from "@/lib/kernel/resource";
import { optionLabel } from "./field-value";

// The list's search and filters as a plain GET form: the URL is the state, so a filtered list is a bookmark,
// works before the JavaScript arrives, and the server renders it on the first paint.

type Props = { resource: Resource; query: ListQuery | null; raw: Record<string, string | undefined> };

export function ListControls({ resource, query, raw }: Props) {
  const fields = Object.entries(resource.fields);
  const searchable = fields.filter(([, spec]) => spec.search).map(([, spec]) => spec.label.toLowerCase());
  const plural = resource.label.plural.toLowerCase();
  const value = (key: string) => raw[key] ?? "";
  return (
    <form method="get" className="row g-2 align-items-end mb-3" role="search" aria-label={`Find ${plural}`}>
      {searchable.length > 0 && (
        <div className="col-12 col-md">
          <label htmlFor="list-q" className="form-label small mb-1">
            Search
          </label>
          <input
            id="list-q"
            name="q"
            type="search"
            defaultValue={value("q")}
            placeholder={`By ${searchable.join(" or ")}`}
            className="form-control form-control-sm"
          />
        </div>
      )}
      {fields.map(([name, spec]) => {
        const ops = spec.filter ?? [];
        if (spec.options && (ops.includes("eq") || ops.includes("in")))
          return (
            <div className="col-6 col-md-auto" key={name}>
              <label htmlFor={`list-${name}`} className="form-label small mb-1">
                {spec.label}
              </label>
              <select id={`list-${name}`} name={name} defaultValue={value(name)} className="form-select form-select-sm">
                <option value="">Any</option>
                {spec.options.map((option) => (
                  <option key={option} value={option}>
                    {optionLabel(option)}
                  </option>
                ))}
              </select>
            </div>
          );
        if (ops.includes("range"))
          return ["from", "to"].map((end) => (
            <div className="col-6 col-md-auto" key={`${name}.${end}`}>
              <label htmlFor={`list-${name}-${end}`} className="form-label small mb-1">
                {spec.label} {end}
              </label>
              <input
                id={`list-${name}-${end}`}
                name={`${name}.${end}`}
                type="date"
                defaultValue={value(`${name}.${end}`)}
                className="form-control form-control-sm"
              />
            </div>
          ));
        return null;
      })}
      {/* The sort, page size and trash view are kept; a new search starts on page 1. */}
      {query && query.sort !== resource.defaultSort.field && <input type="hidden" name="sort" value={query.sort} />}
      {query && query.dir !== resource.defaultSort.dir && <input type="hidden" name="dir" value={query.dir} />}
      {query && query.size !== 25 && <input type="hidden" name="size" value={query.size} />}
      {query?.deleted && <input type="hidden" name="deleted" value="only" />}
      <div className="col-12 col-md-auto d-flex gap-2">
        <button type="submit" className="btn btn-sm btn-primary">
          Apply
        </button>
        <Link href={`/${resource.name}${query?.deleted ? "?deleted=only" : ""}`} className="btn btn-sm btn-outline-secondary">
          Reset
        </Link>
      </div>
    </form>
  );
}

/** The query did not validate: say which parameters and why; nothing was searched. */
export function InvalidQuery({ fieldErrors }: { fieldErrors: Record<string, string[]> }) {
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-1 fw-semibold">This address asks for a list that cannot be shown, so nothing was searched:</p>
      <ul className="mb-0">
        {Object.entries(fieldErrors).map(([field, messages]) => (
          <li key={field}>
            <code>{field}</code>: {messages[0]}
          </li>
        ))}
      </ul>
    </div>
  );
}
