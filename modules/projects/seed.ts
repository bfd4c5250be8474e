import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { TASK_STATUSES } from "./schemas";

// Demo projects for the demo accounts (`db:seed -- --demo`): something to look at on first sign-in, with
// tasks in every status, some assigned and some due. A person who already has projects gets none.

type Status = (typeof TASK_STATUSES)[number];
type DemoTask = { title: string; status: Status; dueInDays?: number; assigned?: boolean };

const demoProjects: { name: string; description: string; status: "active" | "on_hold" | "done"; tasks: DemoTask[] }[] = [
  {
    name: "Website relaunch",
    description: "New pages, new look, same address.",
    status: "active",
    tasks: [
      { title: "Write the copy for the home page", status: "doing", dueInDays: 3, assigned: true },
      { title: "Pick the photographs", status: "todo", dueInDays: 10 },
      { title: "Set up the staging server", status: "done", assigned: true },
      { title: "Check every page on a phone", status: "todo" },
    ],
  },
  {
    name: "Office move",
    description: "Boxes, keys and a new coffee machine.",
    status: "on_hold",
    tasks: [
      { title: "Book the movers", status: "done", assigned: true },
      { title: "Order the coffee machine", status: "todo", dueInDays: 14 },
      { title: "Label the boxes", status: "doing" },
    ],
  },
  {
    name: "Annual report",
    description: "The numbers, and the story behind them.",
    status: "done",
    tasks: [
      { title: "Collect the figures", status: "done", assigned: true },
      { title: "Send it to the printer", status: "done", dueInDays: -7 },
    ],
  },
];

const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset));

export async function seedDemoProjects(client: PrismaClient, users: { email: string; id: string }[]): Promise<void> {
  for (const user of users) {
    if ((await client.project.count({ where: { ownerId: user.id } })) > 0) continue;
    for (const project of demoProjects) {
      await client.project.create({
        data: {
          name: project.name,
          description: project.description,
          status: project.status,
          ownerId: user.id,
          tasks: {
            create: project.tasks.map((task, position) => ({
              title: task.title,
              status: task.status,
              position,
              dueDate: task.dueInDays === undefined ? null : day(task.dueInDays),
              assigneeId: task.assigned ? user.id : null,
            })),
          },
        },
      });
    }
  }
}
