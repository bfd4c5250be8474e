import { z } from "zod/mini";
import { done } from "@/lib/outcome";
import { defineOperation } from "@/lib/kernel/operation";
import { projectPermissions as p } from "./permissions";

// The module's own operations beyond its records'. Handlers load server code when called, so this
// declaration stays importable from scripts and tests.

export const assigneeOptions = defineOperation({
  id: "tasks.assignees",
  method: "GET",
  path: "/tasks/assignees",
  summary: "People a task can be assigned to (names only)",
  tags: ["Tasks"],
  permission: p.update,
  input: z.object({ q: z._default(z.string().check(z.maxLength(50, "At most 50 characters.")), "") }),
  output: z.array(z.object({ id: z.string(), name: z.string() })),
  handler: async ({ q }) => done(await (await import("@/lib/users/directory")).userOptions(q)),
});
