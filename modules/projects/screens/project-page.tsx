import { Link } from "@/components/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { FieldValue } from "@/components/records/field-value";
import { InvalidQuery } from "@/components/records/list-controls";
import { RecordFormModal } from "@/components/records/record-form-modal";
import { RecordDetailActions } from "@/components/records/record-detail-actions";
import { RecordTable } from "@/components/records/record-table";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { getRecord, listRecords } from "@/lib/kernel/records/access";
import { parseListQuery } from "@/lib/kernel/records/list-query";
import type { PageScreenProps } from "@/lib/kernel/screens";
import { currentRequestContext } from "@/lib/request-context";
import { userNames, userOptions } from "@/lib/users/directory";
import { TaskForm } from "../forms";
import { projects, tasks } from "../resources";
import { TASK_STATUSES } from "../schemas";

// The project's own page (declared as the projects resource's detail screen): the project, and its tasks
// with status tabs in the URL, a status changed in place, and tasks added and edited in the modal with the
// project fixed.

const TABS = [
  { value: "", label: "All" },
  ...TASK_STATUSES.map((s) => ({ value: s, label: s === "todo" ? "To do" : s === "doing" ? "Doing" : "Done" })),
];

const plain = (resource: typeof projects | typeof tasks) => ({
  name: resource.name,
  label: resource.label,
  fields: resource.fields,
  titleField: resource.titleField,
});

export default async function ProjectPage({ id = "", searchParams, runOperation }: PageScreenProps): Promise<ReactNode> {
  const user = await requirePermission(projects.permissions.read);
  const context = await currentRequestContext();
  const found = /^[a-z0-9]{1,64}$/i.test(id) ? await getRecord(projects, user, id, context) : null;
  if (!found?.ok) notFound();
  const project = found.value;
  const status = searchParams.status ?? "";
  const parsed = parseListQuery(tasks, { projectId: id, status, size: "100" });
  const listed = parsed.ok ? await listRecords(tasks, user, parsed.query, context) : null;
  const items = listed?.ok ? listed.value.items : [];
  const writes = can(user, tasks.permissions.update);
  const [names, options] = await Promise.all([
    userNames(items.map((t) => t.assigneeId).filter((v): v is string => typeof v === "string")),
    writes ? userOptions() : [],
  ]);
  const name = String(project.name);
  const tab = TABS.find((t) => t.value === status);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href="/projects">Projects</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {name}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h1 className="h2 mb-0 text-break">
          {name}{" "}
          <span className="fs-6 align-middle">
            <FieldValue spec={projects.fields.status} value={project.status} />
          </span>
        </h1>
        <RecordDetailActions
          resource={plain(projects)}
          record={project}
          title={name}
          can={{
            update: can(user, projects.permissions.update),
            delete: can(user, projects.permissions.delete),
            restore: can(user, projects.permissions.restore),
          }}
          runOperation={runOperation}
          Form={RecordFormModal}
        />
      </div>
      {project.description ? <p className="lead text-break">{String(project.description)}</p> : null}

      <section aria-labelledby="tasks-heading" className="mt-4">
        <h2 id="tasks-heading" className="h4">
          Tasks
        </h2>
        <ul className="nav nav-tabs mb-3">
          {TABS.map((t) => (
            <li className="nav-item" key={t.value}>
              <Link
                href={`/projects/${id}${t.value ? `?status=${t.value}` : ""}`}
                className={`nav-link${t === tab ? " active" : ""}`}
                aria-current={t === tab ? "page" : undefined}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
        {!parsed.ok && <InvalidQuery fieldErrors={parsed.fieldErrors} />}
        {parsed.ok && (
          <RecordTable
            resource={plain(tasks)}
            records={items}
            columns={["title", "status", "dueDate", "assigneeId"]}
            caption={`Tasks of ${name}${tab?.value ? `: ${tab.label.toLowerCase()}` : ""}`}
            names={Object.fromEntries(names)}
            can={{
              create: can(user, tasks.permissions.create),
              update: writes,
              delete: can(user, tasks.permissions.delete),
              restore: can(user, tasks.permissions.restore),
            }}
            inline={["status"]}
            detailLinks={false}
            emptyText={tab?.value ? `No tasks are ${tab.label.toLowerCase()}.` : "No tasks yet. Add the first one."}
            runOperation={runOperation}
            Form={TaskForm}
            fixed={{ projectId: id }}
            userOptions={options}
          />
        )}
      </section>
    </>
  );
}
