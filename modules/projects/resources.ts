import { defineResource } from "@/lib/kernel/resource";
import { projectPermissions as p } from "./permissions";
import { PROJECT_STATUSES, projectCreateSchema, projectUpdateSchema, TASK_STATUSES, taskCreateSchema, taskUpdateSchema } from "./schemas";

export const projects = defineResource({
  name: "projects",
  model: "project",
  label: { singular: "Project", plural: "Projects" },
  fields: {
    name: { label: "Name", input: "text", list: true, sort: true, search: true, filter: ["contains"] },
    description: { label: "Description", input: "textarea", search: true },
    status: { label: "Status", input: "select", options: PROJECT_STATUSES, list: true, sort: true, filter: ["eq", "in"] },
  },
  createSchema: projectCreateSchema,
  updateSchema: projectUpdateSchema,
  titleField: "name",
  ownership: { kind: "user", field: "ownerId" },
  permissions: {
    read: p.read,
    create: p.create,
    update: p.update,
    delete: p.delete,
    restore: p.restore,
    purge: p.purge,
    readAll: p.read_all,
  },
  audit: {
    create: "projects.create",
    update: "projects.update",
    delete: "projects.delete",
    restore: "projects.restore",
    purge: "projects.purge",
    export: "projects.export",
  },
  defaultSort: { field: "updatedAt", dir: "desc" },
  example: () => ({ name: "Spring launch", description: "Everything for the launch.", status: "on_hold" }),
});

export const tasks = defineResource({
  name: "tasks",
  model: "task",
  label: { singular: "Task", plural: "Tasks" },
  fields: {
    projectId: { label: "Project", input: "parent", filter: ["eq"] },
    title: { label: "Title", input: "text", list: true, sort: true, search: true },
    status: { label: "Status", input: "select", options: TASK_STATUSES, list: true, sort: true, filter: ["eq", "in"] },
    dueDate: { label: "Due", input: "date", list: true, sort: true, filter: ["range"] },
    assigneeId: { label: "Assignee", input: "user", list: true, filter: ["eq"] },
    position: { label: "Position", input: "text", sort: true },
  },
  createSchema: taskCreateSchema,
  updateSchema: taskUpdateSchema,
  titleField: "title",
  ownership: { kind: "parent", field: "projectId", relation: "project", parent: () => projects },
  // The assignee reads the task (the assignment email links to it) even in someone else's project; edits stay
  // with the project's owner.
  readableBy: ["assigneeId"],
  // A task is part of its project: the project's permissions govern it.
  permissions: {
    read: p.read,
    create: p.update,
    update: p.update,
    delete: p.update,
    restore: p.restore,
    purge: p.purge,
    readAll: p.read_all,
  },
  audit: {
    create: "tasks.create",
    update: "tasks.update",
    delete: "tasks.delete",
    restore: "tasks.restore",
    purge: "tasks.purge",
    export: "tasks.export",
  },
  defaultSort: { field: "position", dir: "asc" },
  // Every field set, so the generic tests also cover dates and the assignee check.
  example: ({ parentId, userId }) => ({
    projectId: parentId,
    title: "Draft the announcement",
    status: "doing",
    dueDate: "2030-03-15",
    assigneeId: userId,
    position: 3,
  }),
  validate: async (input) => (await import("./assignees")).checkAssignee(input),
  afterWrite: async (change) => (await import("./notifications")).notifyNewAssignee(change),
});
