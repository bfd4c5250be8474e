import Link from "next/link";
import type { z } from "zod";
import { z as zod } from "@/lib/zod";

// Pieces every filtered admin list shares: the query string as plain values, Apply/Reset, and what to
// say when the filters do not validate (nothing is searched then).

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
