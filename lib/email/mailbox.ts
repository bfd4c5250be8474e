import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { currentUser } from "@/lib/auth/current-user";
import { can, type Actor } from "@/lib/authz";
import { emailPermissions } from "./permissions";

// The development mailbox: every stored message, readable in the browser, so a person can follow verification
// and reset links without a mail server. Those links take over accounts, so outside `next dev` and test runs
// only a signed-in holder of email:outbox reads it, and only where DEV_MAILBOX opts in (a disposable test
// environment); never beside a real mail provider. Everyone else gets a 404, as if there were no such page.

// Next inlines this at build time: a production build reads "production" here whatever the environment says.
const productionBuild = process.env.NODE_ENV === "production";

export type MailboxSettings = { productionBuild: boolean; devMailbox: boolean; realMail: boolean };

export function mayReadMailbox(viewer: Actor | null, settings: MailboxSettings): boolean {
  if (settings.realMail) return false;
  if (!settings.productionBuild) return true;
  return settings.devMailbox && can(viewer, emailPermissions.outbox);
}

/** Whether the visitor behind this request may read the mailbox (pages and the message route ask). */
export async function mailboxOpen(): Promise<boolean> {
  const settings = {
    productionBuild: productionBuild || env.NODE_ENV === "production",
    devMailbox: env.DEV_MAILBOX,
    realMail: !!env.RESEND_API_KEY,
  };
  return mayReadMailbox(settings.productionBuild ? await currentUser() : null, settings);
}

export async function listMailbox(to?: string) {
  return db.emailMessage.findMany({
    where: to ? { to: to.toLowerCase() } : {},
    select: { id: true, to: true, subject: true, status: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

export async function getMailboxMessage(id: string) {
  return db.emailMessage.findUnique({ where: { id } });
}

/** The links in a message, in order: what a reader would click. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]);
}
