"use server";

import { revalidatePath } from "next/cache";
import { cancelSend } from "@/lib/email/bulk";
import { composeEmail } from "@/lib/email/compose";
import { composeEmailSchema, sendIdSchema } from "@/lib/email/compose-schemas";
import { cancelEmail, retryEmailNow } from "@/lib/email/outbox";
import { emailIdSchema } from "@/lib/email/outbox-schemas";
import { actionWithUser } from "@/lib/http/action";

// The outbox's row actions and composing: thin doors onto lib/email (outbox.ts, compose.ts, bulk.ts), which
// authorise, rate-limit and audit.

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

export const composeEmailAction = actionWithUser(composeEmailSchema, async (input, { actor, context }) => {
  const outcome = await composeEmail(actor, input, context);
  if (outcome.ok) revalidatePath("/admin/emails");
  return outcome;
});

export const cancelSendAction = actionWithUser(sendIdSchema, async ({ id }, { actor, context }) => {
  const outcome = await cancelSend(actor, id, context);
  if (outcome.ok) revalidatePath(`/admin/emails/sends/${id}`);
  return outcome;
});
