import { z } from "zod/mini";

// Shared by the forms in the browser and the operations on the server: zod/mini keeps the forms light.

export const PROJECT_STATUSES = ["active", "on_hold", "done"] as const;
export const TASK_STATUSES = ["todo", "doing", "done"] as const;

const id = z.string().check(z.minLength(1, "Choose one."), z.maxLength(64), z.regex(/^[a-z0-9]+$/i, "That id is not valid."));
const calendarDay = z.iso.date("Use a real day (YYYY-MM-DD).");

const projectFields = {
  name: z.string().check(z.trim(), z.minLength(1, "Give the project a name."), z.maxLength(120, "At most 120 characters.")),
  description: z.string().check(z.trim(), z.maxLength(2000, "At most 2,000 characters.")),
  status: z.enum(PROJECT_STATUSES, "Pick a status."),
};
export const projectCreateSchema = z.object({
  ...projectFields,
  description: z._default(projectFields.description, ""),
  status: z._default(projectFields.status, "active"),
});
/** Any part of a project; no defaults, so a PATCH never resets what it does not name. */
export const projectUpdateSchema = z.partial(z.object(projectFields));

const taskFields = {
  projectId: id,
  title: z.string().check(z.trim(), z.minLength(1, "Give the task a title."), z.maxLength(200, "At most 200 characters.")),
  status: z.enum(TASK_STATUSES, "Pick a status."),
  dueDate: z.nullable(calendarDay),
  assigneeId: z.nullable(id),
  position: z.int("A whole number.").check(z.minimum(0, "Zero or more."), z.maximum(1_000_000, "Too large.")),
};
export const taskCreateSchema = z.object({
  ...taskFields,
  status: z._default(taskFields.status, "todo"),
  dueDate: z._default(taskFields.dueDate, null),
  assigneeId: z._default(taskFields.assigneeId, null),
  position: z._default(taskFields.position, 0),
});
export const taskUpdateSchema = z.partial(z.object(taskFields));
