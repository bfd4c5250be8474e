"use server";

import { revalidatePath } from "next/cache";
import { actionWithUser } from "@/lib/http/action";
import { liftSuppression } from "@/lib/email/suppression";
import { suppressionIdSchema } from "@/lib/email/suppression-schemas";

// A thin door onto lib/email/suppression.ts, which authorises (email:manage) and audits.
export const liftSuppressionAction = actionWithUser(suppressionIdSchema, async ({ id }, { actor, context }) => {
  const outcome = await liftSuppression(actor, id, context);
  if (outcome.ok) revalidatePath("/admin/emails/suppressions");
  return outcome;
});
