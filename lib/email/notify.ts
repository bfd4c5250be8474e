import "server-only";
import { db } from "@/lib/db";
import { sendEmail } from "./index";
import type { RenderedEmail } from "./templates";

// Mail a module sends on its own events, to one account: one call, from the module's declaration (afterWrite),
// with a template the module keeps beside it. The recipient is looked up here, so modules never see addresses.
// The message is a NOTIFICATION: stored now, delivered after the response, and withheld at delivery when the
// address is suppressed or the person has turned that kind of mail off (deliverEmail reads userId and category).

type Notification<P> = {
  /** The recipient's user id. */
  to: string;
  /** A declared template (declareEmail); it greets the recipient by first name, filled in here. */
  email: { render(props: P & { firstName: string }): Promise<RenderedEmail> };
  props: P;
};

/** The stored message's id, or null when there is no active, confirmed account to write to. */
export async function notify<P extends object>({ to, email, props }: Notification<P>): Promise<string | null> {
  const recipient = await db.user.findFirst({
    where: { id: to, status: "ACTIVE", deletedAt: null, emailVerified: { not: null } },
    select: { email: true, firstName: true },
  });
  if (!recipient) return null;
  return sendEmail(recipient.email, email.render({ ...props, firstName: recipient.firstName }), { category: "NOTIFICATION", userId: to });
}
