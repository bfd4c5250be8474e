import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { queryValues } from "@/components/admin/list-filters";
import { FieldValue } from "@/components/records/field-value";
import { RecordDetailActions } from "@/components/records/record-detail-actions";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { getRecord, readOnlyIds } from "@/lib/kernel/records/access";
import { currentRequestContext } from "@/lib/request-context";
import { runOperation } from "../../records/run-operation";
import { formFor, formResource, references, resourceNamed, screensOf } from "../../records/screen-data";

// A record's own page, from its declaration; a module may declare its own (the project page). Someone else's
// record is a 404, exactly like one that does not exist.

type Props = {
  params: Promise<{ resource: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: resourceNamed((await params).resource).label.singular };
}

export default async function RecordPage({ params, searchParams }: Props) {
  const { resource: name, id } = await params;
  const resource = resourceNamed(name);
  const user = await requirePermission(resource.permissions.read);
  const ownScreen = screensOf(resource).detail;
  if (ownScreen) {
    const Screen = await ownScreen();
    return <Screen resourceName={resource.name} id={id} searchParams={queryValues(await searchParams)} runOperation={runOperation} />;
  }
  const outcome = /^[a-z0-9]{1,64}$/i.test(id) ? await getRecord(resource, user, id, await currentRequestContext()) : null;
  if (!outcome?.ok) notFound();
  const record = outcome.value;
  const allowed = {
    update: can(user, resource.permissions.update),
    delete: can(user, resource.permissions.delete),
    restore: can(user, resource.permissions.restore),
  };
  // Read, not owned (a task one is assigned in someone else's project): no edits offered.
  if ((allowed.update || allowed.delete) && (await readOnlyIds(resource, user, [record.id])).length)
    Object.assign(allowed, { update: false, delete: false });
  const { names, options, parentOptions } = await references(resource, user, [record], allowed.update);
  const title = String(record[resource.titleField] ?? resource.label.singular);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href={`/${resource.name}`}>{resource.label.plural}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {title}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 className="h2 mb-0 text-break">{title}</h1>
        <RecordDetailActions
          resource={formResource(resource)}
          record={record}
          title={title}
          can={allowed}
          runOperation={runOperation}
          Form={await formFor(resource)}
          userOptions={options}
          parentOptions={parentOptions}
        />
      </div>
      <dl className="row">
        {Object.entries(resource.fields).map(([field, spec]) => (
          <div className="col-12 row" key={field}>
            <dt className="col-sm-3">{spec.label}</dt>
            <dd className="col-sm-9">
              <FieldValue spec={spec} value={record[field]} names={names} />
            </dd>
          </div>
        ))}
        <div className="col-12 row">
          <dt className="col-sm-3">Last changed</dt>
          <dd className="col-sm-9">
            {String(record.updatedAt ?? "")
              .slice(0, 16)
              .replace("T", " ")}{" "}
            UTC
          </dd>
        </div>
      </dl>
    </>
  );
}
