import "server-only";
import { ButtonLink, EmailLayout, Paragraph } from "@/lib/email/templates/layout";
import { declareEmail } from "@/lib/email/templates/render";
import { systemConfig } from "@/system.config";

type Props = { firstName: string; taskTitle: string; projectName: string; assignedBy: string; link: string };

function TaskAssigned({ firstName, taskTitle, projectName, assignedBy, link }: Props) {
  return (
    <EmailLayout firstName={firstName}>
      <Paragraph>
        {assignedBy} assigned you the task “{taskTitle}” in the project {projectName}.
      </Paragraph>
      <ButtonLink href={link} label="Open the task" />
    </EmailLayout>
  );
}

export const taskAssigned = declareEmail({
  template: "task-assigned",
  subject: "A task was assigned to you",
  Component: TaskAssigned,
  props: (firstName: string, rest: Omit<Props, "firstName">) => ({ firstName, ...rest }),
  sample: {
    firstName: "Ada",
    taskTitle: "Draft the announcement",
    projectName: "Spring launch",
    assignedBy: "Grace Hopper",
    link: new URL("/tasks/cm0task0000example000000", systemConfig.url).toString(),
  },
});
