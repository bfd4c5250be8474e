import { defineModule } from "@/lib/kernel/module";
import { assigneeOptions } from "./operations";
import { projectPermissions as p } from "./permissions";
import { projects, tasks } from "./resources";

const auditActions = {
  "projects.create": "Project created",
  "projects.update": "Project edited",
  "projects.delete": "Project deleted",
  "projects.restore": "Project restored",
  "projects.purge": "Project deleted for good",
  "projects.export": "Projects exported",
  "tasks.create": "Task created",
  "tasks.update": "Task edited",
  "tasks.delete": "Task deleted",
  "tasks.restore": "Task restored",
  "tasks.purge": "Task deleted for good",
  "tasks.export": "Tasks exported",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    projects: { permissions: typeof p; auditActions: typeof auditActions };
  }
}

// Projects with tasks: the example business module. Everything it adds to the system is declared here,
// plus its models in prisma/schema/projects.prisma and one line in modules/index.ts.
export const projectsModule = defineModule({
  id: "projects",
  label: "Projects",
  permissions: p,
  auditActions,
  nav: [{ href: "/projects", label: "Projects", permission: p.read, area: "app", order: 10 }],
  defaultGrants: { user: [p.read, p.create, p.update, p.delete, p.restore], manager: [p.read_all] },
  resources: [projects, tasks],
  operations: [assigneeOptions],
  emails: async () => [(await import("./emails/task-assigned")).taskAssigned],
  seedDemo: async (client, users) => (await import("./seed")).seedDemoProjects(client, users),
});
