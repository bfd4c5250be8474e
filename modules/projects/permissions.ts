import { declarePermissions } from "@/lib/authz/declare";

// A task is part of its project: changing a project's tasks is changing the project.
export const projectPermissions = declarePermissions("projects", {
  read: "See your own projects and their tasks",
  create: "Create projects",
  update: "Edit your own projects and their tasks",
  delete: "Delete your own projects and tasks (they can be restored)",
  restore: "See deleted projects and tasks of your own, and restore them",
  purge: "Delete your own projects and tasks for good",
  read_all: "See everyone's projects and tasks (read only)",
});
