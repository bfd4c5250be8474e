import "server-only";
import { activeUserExists } from "@/lib/users/directory";

/** An assignee must be an active user; the schema has already checked the id's shape. */
export async function checkAssignee(input: Record<string, unknown>): Promise<Record<string, string[]> | null> {
  const assigneeId = input.assigneeId;
  if (typeof assigneeId !== "string") return null;
  return (await activeUserExists(assigneeId)) ? null : { assigneeId: ["No such user."] };
}
