import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// The development mailbox: every stored message, readable in the browser, so a person (and the e2e tests)
// can follow verification and reset links without a mail server. Off in production unless DEV_MAILBOX is
// set for a disposable environment, and never alongside a real mail provider.
export function mailboxEnabled(): boolean {
  return (env.NODE_ENV !== "production" || env.DEV_MAILBOX) && !env.RESEND_API_KEY;
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
