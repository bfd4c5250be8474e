"use client";

import { lazyDialog } from "@/components/modal/lazy-modal";
import type { FormScreenProps } from "@/lib/kernel/screens";

// The projects module's forms: the generic record form bound to the zod/mini schemas the server parses with
// (declared in screens/). A schema cannot travel from a server page to the browser, so this file brings it
// there; the form, its library and the schemas load when a form first opens, not with the page.

async function recordFormWithSchemas() {
  const [{ RecordForm }, schemas] = await Promise.all([import("@/components/records/record-form"), import("./schemas")]);
  return { RecordForm, schemas };
}

export const ProjectForm = lazyDialog<FormScreenProps>(async () => {
  const { RecordForm, schemas } = await recordFormWithSchemas();
  return function ProjectFormModal(props: FormScreenProps) {
    return <RecordForm {...props} createSchema={schemas.projectCreateSchema} updateSchema={schemas.projectUpdateSchema} />;
  };
});

/** A task's position is set by the order of the list, not typed in. */
export const TaskForm = lazyDialog<FormScreenProps>(async () => {
  const { RecordForm, schemas } = await recordFormWithSchemas();
  return function TaskFormModal(props: FormScreenProps) {
    return (
      <RecordForm
        {...props}
        createSchema={schemas.taskCreateSchema}
        updateSchema={schemas.taskUpdateSchema}
        only={["projectId", "title", "status", "dueDate", "assigneeId"]}
      />
    );
  };
});
