import "server-only";
import type { EmailCategory } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";

// Whether a person wants a category of mail. Security mail (verification, reset, lockout, two-factor, sign-in
// notices) has no switch: it is always sent. Announcements (composed by administrators) and notifications (a
// module's message about its records) each have one, on by default, turned off at /account or by the
// unsubscribe link. Delivery asks again (optedOut), so a send queued before someone opted out skips them.

export type EmailPreferences = { announcements: boolean; notifications: boolean };

/** Whether mail of this category may go to this account; SECURITY always may. An unknown account wants nothing optional. */
export async function wantsEmail(userId: string, category: EmailCategory): Promise<boolean> {
  if (category === "SECURITY") return true;
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailAnnouncements: true, emailNotifications: true } });
  if (!user) return false;
  return category === "ANNOUNCEMENT" ? user.emailAnnouncements : user.emailNotifications;
}

/** deliverEmail's question: is this message's recipient opted out of its category? */
export async function optedOut(message: { category: EmailCategory; userId: string | null }): Promise<boolean> {
  if (message.category === "SECURITY" || message.userId === null) return false;
  return !(await wantsEmail(message.userId, message.category));
}

export async function getEmailPreferences(userId: string): Promise<EmailPreferences> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailAnnouncements: true, emailNotifications: true } });
  return { announcements: user.emailAnnouncements, notifications: user.emailNotifications };
}

export async function setEmailPreferences(userId: string, preferences: Partial<EmailPreferences>): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { emailAnnouncements: preferences.announcements, emailNotifications: preferences.notifications },
  });
}

/** The /account form's change, audited (the unsubscribe link audits its own). */
export async function updateOwnEmailPreferences(userId: string, preferences: EmailPreferences, context?: RequestContext): Promise<void> {
  await setEmailPreferences(userId, preferences);
  await audit({ action: "email.preferences", actorId: userId, target: { type: "user", id: userId }, context, details: preferences });
}
