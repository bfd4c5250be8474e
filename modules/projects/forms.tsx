"use client";

import { RecordFormModal } from "@/components/records/record-form-modal";
import type { FormScreenProps } from "@/lib/kernel/screens";
import { projectCreateSchema, projectUpdateSchema, taskCreateSchema, taskUpdateSchema } from "./schemas";

// The projects module's forms: the generic modal bound to the schemas the server parses with. A schema
// cannot travel from a server page to the browser, so this file brings it there (declared in resources.ts).

export function ProjectForm(props: FormScreenProps) {
  return <RecordFormModal {...props} createSchema={projectCreateSchema} updateSchema={projectUpdateSchema} />;
}

/** A task's position is set by the order of the list, not typed in. */
export function TaskForm(props: FormScreenProps) {
  return (
    <RecordFormModal
      {...props}
      createSchema={taskCreateSchema}
      updateSchema={taskUpdateSchema}
      only={["projectId", "title", "status", "dueDate", "assigneeId"]}
    />
  );
}
