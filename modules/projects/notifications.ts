import "server-only";
import { db } from "@/lib/db";
import { notify } from "@/lib/email/notify";
import type { RecordChange } from "@/lib/kernel/resource";
import { userNames } from "@/lib/users/directory";
import { systemConfig } from "@/system.config";
import { taskAssigned } from "./emails/task-assigned";

/**
 * Tells a task's new assignee (the tasks resource's afterWrite): only when the assignee changed, and not when
 * people assign themselves.
 */
export async function notifyNewAssignee({ before, after, actor }: RecordChange): Promise<void> {
  const assignee = after.assigneeId;
  if (typeof assignee !== "string" || assignee === before?.assigneeId || assignee === actor.id) return;
  const [names, project] = await Promise.all([
    userNames([actor.id]),
    db.project.findUnique({ where: { id: String(after.projectId) }, select: { name: true } }),
  ]);
  await notify({
    to: assignee,
    email: taskAssigned,
    props: {
      taskTitle: String(after.title),
      projectName: project?.name ?? "",
      assignedBy: names.get(actor.id) || "Someone",
      link: new URL(`/tasks/${encodeURIComponent(String(after.id))}`, systemConfig.url).toString(),
    },
  });
}
