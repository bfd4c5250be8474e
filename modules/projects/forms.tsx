"use client";

import { RecordFormModal } from "@/components/records/record-form-modal";
import type { FormScreenProps } from "@/lib/kernel/screens";

/** A task's position is set by the order of the list, not typed in (declared as the tasks' form in screens/). */
export function TaskForm(props: FormScreenProps) {
  return <RecordFormModal {...props} only={["projectId", "title", "status", "dueDate", "assigneeId"]} />;
}
