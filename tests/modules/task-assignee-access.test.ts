import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { createRecord, deleteRecord, getRecord, listRecords, purgeRecord, readOnlyIds, updateRecord } from "@/lib/kernel/records/access";
import { exportRecordsCsv } from "@/lib/kernel/records/export";
import { parseListQuery } from "@/lib/kernel/records/list-query";
import { defineResource } from "@/lib/kernel/resource";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { projects, tasks } from "@/modules/projects/resources";
import { apiRequest, apiRoute } from "../helpers/api-request";
import { useTestDatabase } from "../helpers/database";
import { documentedRestHandler } from "../helpers/openapi-validate";
import { personWithRoles } from "../helpers/people";

// The tasks resource's `readableBy: ["assigneeId"]`: the person a task is assigned to reads it (the assignment
// email links to /tasks/<id>) though the project is someone else's, through the data layer, REST and the export;
// nobody else does, and reading never becomes changing.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);
const context = { ipAddress: null, userAgent: "task-assignee-access test", requestId: null };

function call(user: CurrentUser, method: string, path: string, body?: unknown): Promise<Response> {
  session.user = user;
  return handler(apiRequest(method, path, { body }), apiRoute(path));
}

function query(raw: Record<string, string> = {}) {
  const parsed = parseListQuery(tasks, raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.query;
}

const listedIds = async (user: CurrentUser, raw: Record<string, string> = {}) => {
  const page = await listRecords(tasks, user, query(raw), context);
  if (!page.ok) throw new Error(page.message);
  return page.value.items.map((item) => item.id);
};

describe("a task's assignee reads it in someone else's project", () => {
  useTestDatabase();
  // Plain users (own projects only, no read_all); each test makes its own project.
  let owner: CurrentUser;
  let ada: CurrentUser;
  let grace: CurrentUser;

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    [owner, ada, grace] = await Promise.all([personWithRoles(["user"]), personWithRoles(["user"]), personWithRoles(["user"])]);
    expect(ada.permissions.has(projects.permissions.update)).toBe(true);
    expect(ada.permissions.has(projects.permissions.readAll!)).toBe(false);
  });

  async function assignedTask(title = "Write the copy") {
    const project = await createRecord(projects, owner, { name: "Launch" }, context);
    if (!project.ok) throw new Error(project.message);
    const task = await createRecord(tasks, owner, { projectId: project.value.id, title, assigneeId: ada.id }, context);
    if (!task.ok) throw new Error(task.message);
    return { projectId: String(project.value.id), id: String(task.value.id) };
  }

  it("gets it by id and sees it in the list and the export; another user gets a 404 and no row", async () => {
    const { id } = await assignedTask();
    expect(await getRecord(tasks, ada, id, context)).toMatchObject({ ok: true, value: { id, title: "Write the copy" } });
    expect(await listedIds(ada)).toContain(id);
    expect(await listedIds(ada, { assigneeId: ada.id })).toContain(id);
    expect(await new Response(await exportRecordsCsv(tasks, ada, query(), context)).text()).toContain(id);

    expect(await getRecord(tasks, grace, id, context)).toMatchObject({ ok: false, status: 404 });
    expect(await listedIds(grace)).not.toContain(id);
    expect(await new Response(await exportRecordsCsv(tasks, grace, query(), context)).text()).not.toContain(id);
  });

  it("the same over REST: GET /tasks/<id> and GET /tasks for the assignee, 404 for another user", async () => {
    const { id } = await assignedTask();
    const got = await call(ada, "GET", `/tasks/${id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id });
    const listed = (await (await call(ada, "GET", "/tasks")).json()) as { items: { id: string }[] };
    expect(listed.items.map((item) => item.id)).toContain(id);

    expect((await call(grace, "GET", `/tasks/${id}`)).status).toBe(404);
    const other = (await (await call(grace, "GET", "/tasks")).json()) as { items: { id: string }[] };
    expect(other.items.map((item) => item.id)).not.toContain(id);
  });

  it("reading is not changing: the assignee's edit, delete and purge are 404s and the task stays as it was", async () => {
    const { id } = await assignedTask("Keep me");
    expect(await updateRecord(tasks, ada, id, { title: "Changed" }, context)).toMatchObject({ ok: false, status: 404 });
    expect((await call(ada, "PATCH", `/tasks/${id}`, { title: "Changed" })).status).toBe(404);
    expect(await deleteRecord(tasks, ada, id, context)).toMatchObject({ ok: false, status: 404 });
    expect((await call(ada, "DELETE", `/tasks/${id}`)).status).toBe(404);
    expect(
      await purgeRecord(tasks, { ...ada, permissions: new Set([...ada.permissions, projects.permissions.purge]) }, id, context),
    ).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await db.task.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Keep me", version: 1, deletedAt: null });
    // The screens offer no edits on it either; the owner's own stay editable.
    expect(await readOnlyIds(tasks, ada, [id])).toEqual([id]);
    expect(await readOnlyIds(tasks, owner, [id])).toEqual([]);
  });

  it("reads the task only, not its project, and not once the task or its project is deleted", async () => {
    const { id, projectId } = await assignedTask();
    expect(await getRecord(projects, ada, projectId, context)).toMatchObject({ ok: false, status: 404 });

    expect((await deleteRecord(tasks, owner, id, context)).ok).toBe(true);
    expect(await getRecord(tasks, ada, id, context)).toMatchObject({ ok: false, status: 404 });
    // The trash is the owner's: only they can restore.
    expect(await listedIds(ada, { deleted: "only" })).not.toContain(id);

    const other = await assignedTask();
    expect((await deleteRecord(projects, owner, other.projectId, context)).ok).toBe(true);
    expect(await getRecord(tasks, ada, other.id, context)).toMatchObject({ ok: false, status: 404 });
    expect(await listedIds(ada)).not.toContain(other.id);
  });

  it("loses it when the task is reassigned", async () => {
    const { id } = await assignedTask();
    expect((await updateRecord(tasks, owner, id, { assigneeId: grace.id }, context)).ok).toBe(true);
    expect(await getRecord(tasks, ada, id, context)).toMatchObject({ ok: false, status: 404 });
    expect(await getRecord(tasks, grace, id, context)).toMatchObject({ ok: true });
  });

  it("a declaration may name only user fields as readers", () => {
    expect(() => defineResource({ ...tasks, readableBy: ["title"] })).toThrow(/not a user field/);
  });
});
