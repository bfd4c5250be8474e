import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { createRecord, updateRecord } from "@/lib/kernel/records/access";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { projects, tasks } from "@/modules/projects/resources";
import { useTestDatabase } from "../helpers/database";
import { personWithRoles } from "../helpers/people";

// Module mail: the projects module tells a task's new assignee, through the tasks resource's afterWrite and
// lib/email's notify: a NOTIFICATION to the assignee's address with a link to the task; never for assigning
// oneself, never when the assignee stays the same.

const context = { ipAddress: null, userAgent: "task-assigned-mail test", requestId: null };

const mailsTo = (user: CurrentUser) =>
  db.emailMessage.findMany({ where: { userId: user.id, template: "task-assigned" }, orderBy: { createdAt: "asc" } });

describe("mail to a task's assignee", () => {
  useTestDatabase();
  let owner: CurrentUser;
  let ada: CurrentUser;
  let grace: CurrentUser;
  let projectId: string;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    [owner, ada, grace] = await Promise.all([personWithRoles(["user"]), personWithRoles(["user"]), personWithRoles(["user"])]);
    const project = await createRecord(projects, owner, { name: "Launch" }, context);
    if (!project.ok) throw new Error(project.message);
    projectId = String(project.value.id);
  });

  it("emails the assignee of a new task, with a link to it, as a notification to their account", async () => {
    const task = await createRecord(tasks, owner, { projectId, title: "Write <the> copy", assigneeId: ada.id }, context);
    expect(task.ok).toBe(true);
    if (!task.ok) return;
    const [mail, ...more] = await mailsTo(ada);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to: ada.email, category: "NOTIFICATION", subject: expect.stringContaining("assigned to you") });
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { id: mail!.id } });
    // Delivered to the outbox (no provider in tests), which keeps the body.
    expect(stored.text).toContain(`/tasks/${String(task.value.id)}`);
    expect(stored.text).toContain("Write <the> copy");
    expect(stored.html).toContain("Write &lt;the&gt; copy");
    expect(stored.text).toContain("Launch");
  });

  it("does not email people who assign a task to themselves", async () => {
    const task = await createRecord(tasks, owner, { projectId, title: "Mine", assigneeId: owner.id }, context);
    expect(task.ok).toBe(true);
    expect(await mailsTo(owner)).toEqual([]);
  });

  it("emails on a reassignment, once: not again when the assignee stays the same", async () => {
    const task = await createRecord(tasks, owner, { projectId, title: "Review" }, context);
    if (!task.ok) throw new Error(task.message);
    const id = String(task.value.id);
    expect((await updateRecord(tasks, owner, id, { assigneeId: grace.id }, context)).ok).toBe(true);
    expect(await mailsTo(grace)).toHaveLength(1);
    expect((await updateRecord(tasks, owner, id, { assigneeId: grace.id, title: "Review it" }, context)).ok).toBe(true);
    expect((await updateRecord(tasks, owner, id, { status: "doing" }, context)).ok).toBe(true);
    expect(await mailsTo(grace)).toHaveLength(1);
    expect((await updateRecord(tasks, owner, id, { assigneeId: null }, context)).ok).toBe(true);
    expect(await mailsTo(grace)).toHaveLength(1);
  });
});
