import { Link } from "@/components/link";

/** Page links that keep every other query parameter (filters, sort, size). */
export function Pagination({ page, pages, params, label }: { page: number; pages: number; params: Record<string, string>; label: string }) {
  if (pages <= 1) return null;
  const href = (p: number) => `?${new URLSearchParams({ ...params, page: String(p) })}`;
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={label}>
      <ul className="pagination pagination-sm flex-wrap">
        <li className={`page-item${page <= 1 ? " disabled" : ""}`}>
          {page <= 1 ? (
            <span className="page-link">Previous</span>
          ) : (
            <Link className="page-link" href={href(page - 1)}>
              Previous
            </Link>
          )}
        </li>
        {around.map((p, i) => (
          <li key={p} className={`page-item${p === page ? " active" : ""}`}>
            {i > 0 && p - around[i - 1]! > 1 && <span className="page-link border-0 bg-transparent">…</span>}
            {p === page ? (
              <span className="page-link" aria-current="page">
                {p}
              </span>
            ) : (
              <Link className="page-link" href={href(p)}>
                {p}
              </Link>
            )}
          </li>
        ))}
        <li className={`page-item${page >= pages ? " disabled" : ""}`}>
          {page >= pages ? (
            <span className="page-link">Next</span>
          ) : (
            <Link className="page-link" href={href(page + 1)}>
              Next
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}
