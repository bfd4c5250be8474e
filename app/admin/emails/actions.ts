"use server";

import { revalidatePath } from "next/cache";
import { cancelEmail, retryEmailNow } from "@/lib/email/outbox";
import { emailIdSchema } from "@/lib/email/outbox-schemas";
import { actionWithUser } from "@/lib/http/action";

// The outbox's row actions: thin doors onto lib/email/outbox.ts, which authorises and audits.

export const retryEmailAction = actionWithUser(emailIdSchema, async ({ id }, { actor, context }) => {
  const outcome = await retryEmailNow(actor, id, context);
  if (outcome.ok) revalidatePath("/admin/emails");
  return outcome;
});

export const cancelEmailAction = actionWithUser(emailIdSchema, async ({ id }, { actor, context }) => {
  const outcome = await cancelEmail(actor, id, context);
  if (outcome.ok) revalidatePath("/admin/emails");
  return outcome;
});
