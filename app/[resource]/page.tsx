import type { Metadata } from "next";
import { Link } from "@/components/link";
import { forbidden } from "next/navigation";
import { queryValues, keptParams } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { InvalidQuery, ListControls } from "@/components/records/list-controls";
import { RecordTable, type SortHeader } from "@/components/records/record-table";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { listRecords, readOnlyIds } from "@/lib/kernel/records/access";
import { listQueryString, parseListQuery, type ListQuery } from "@/lib/kernel/records/list-query";
import type { Resource } from "@/lib/kernel/resource";
import { currentRequestContext } from "@/lib/request-context";
import { runOperation } from "../records/run-operation";
import { formFor, formResource, references, resourceNamed, screensOf } from "../records/screen-data";

// Every resource's list, from its declaration: /projects, /tasks. A static route of the same name
// (/account, /admin, /status) wins over this segment; an unknown name is a 404 before anything else.

type Props = { params: Promise<{ resource: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const resource = resourceNamed((await params).resource);
  return { title: resource.label.plural };
}

function sortHeaders(resource: Resource, query: ListQuery): Record<string, SortHeader> {
  const headers: Record<string, SortHeader> = {};
  for (const [name, spec] of Object.entries(resource.fields)) {
    if (!spec.list || !spec.sort) continue;
    const current = query.sort === name ? query.dir : null;
    const dir = current === "asc" ? "desc" : "asc";
    headers[name] = { href: `/${resource.name}${listQueryString(resource, query, { sort: name, dir, page: 1 })}`, dir: current };
  }
  return headers;
}

export default async function ResourceListPage({ params, searchParams }: Props) {
  const resource = resourceNamed((await params).resource);
  const user = await requirePermission(resource.permissions.read);
  const raw = queryValues(await searchParams);
  const ownScreen = screensOf(resource).list;
  if (ownScreen) {
    const Screen = await ownScreen();
    return <Screen resourceName={resource.name} searchParams={raw} runOperation={runOperation} />;
  }
  const allowed = {
    create: can(user, resource.permissions.create),
    update: can(user, resource.permissions.update),
    delete: can(user, resource.permissions.delete),
    restore: can(user, resource.permissions.restore),
  };
  const parsed = parseListQuery(resource, raw);
  const query = parsed.ok ? parsed.query : null;
  if (query?.deleted && !allowed.restore) forbidden();
  const outcome = query ? await listRecords(resource, user, query, await currentRequestContext()) : null;
  const page = outcome?.ok ? outcome.value : null;
  const [{ names, options, parentOptions }, readOnly] = await Promise.all([
    references(resource, user, page?.items ?? [], allowed.create || allowed.update),
    allowed.update || allowed.delete ? readOnlyIds(resource, user, query?.deleted ? [] : (page?.items ?? []).map((r) => r.id)) : [],
  ]);
  const Form = await formFor(resource);
  const plural = resource.label.plural.toLowerCase();
  const filtered = !!query && (query.q !== "" || Object.keys(query.filters).length > 0);

  return (
    <>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 className="h2 mb-0">{query?.deleted ? `Deleted ${plural}` : resource.label.plural}</h1>
        <div className="d-flex gap-2">
          {allowed.restore &&
            (query?.deleted ? (
              <Link href={`/${resource.name}`} className="btn btn-sm btn-outline-secondary">
                Back to {plural}
              </Link>
            ) : (
              <Link href={`/${resource.name}?deleted=only`} className="btn btn-sm btn-outline-secondary">
                Trash
              </Link>
            ))}
          {query && (
            // A POST: an export is audited, and the REST router streams the file (a server action cannot).
            <form method="post" action={`/api/v1/${resource.name}/export${listQueryString(resource, query, { page: 1 })}`}>
              <button type="submit" className="btn btn-sm btn-outline-secondary">
                Export CSV
              </button>
            </form>
          )}
        </div>
      </div>
      <ListControls resource={resource} query={query} raw={raw} />
      {!parsed.ok && <InvalidQuery fieldErrors={parsed.fieldErrors} />}
      {page && query && (
        <>
          <p className="small text-body-secondary" role="status">
            {page.capped
              ? `More than ${page.total.toLocaleString("en")} ${plural}`
              : `${page.total.toLocaleString("en")} ${page.total === 1 ? resource.label.singular.toLowerCase() : plural}`}
            {page.total > 0 && ` · page ${page.page}${page.capped ? "" : ` of ${page.pages.toLocaleString("en")}`}`}
          </p>
          <RecordTable
            resource={formResource(resource)}
            records={page.items}
            columns={Object.keys(resource.fields).filter((name) => resource.fields[name]!.list)}
            sortHeaders={sortHeaders(resource, query)}
            caption={`${query.deleted ? "Deleted " + plural : resource.label.plural}, page ${page.page}`}
            names={names}
            can={allowed}
            readOnly={readOnly}
            trash={query.deleted}
            emptyText={
              query.deleted
                ? "The trash is empty."
                : filtered
                  ? `No ${plural} match this search.`
                  : `No ${plural} yet. Create the first one.`
            }
            runOperation={runOperation}
            Form={Form}
            userOptions={options}
            parentOptions={parentOptions}
          />
          <Pagination page={page.page} pages={page.pages} params={keptParams(raw, ["page"])} label={`${resource.label.plural} pages`} />
        </>
      )}
      {outcome && !outcome.ok && (
        <div className="alert alert-danger" role="alert">
          {outcome.message}
        </div>
      )}
    </>
  );
}
