import "server-only";
import type { EmailMessage, Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe";

// A composed message is queued without a body (compose.ts renders the send once, with placeholders); just
// before it goes out, this fills in the recipient's merge fields and signed unsubscribe link, and stores the
// result on the message, so the outbox and the development mailbox show what was sent.

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character,
  );

// A name never carries a line break into a subject (the header), whatever reached the database.
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, " ");

/** One pass, so a value that looks like a placeholder ({{unsubscribeUrl}} as someone's first name) stays text. */
export function fillPlaceholders(template: string, values: Record<string, string>, escape: (value: string) => string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? escape(values[name] ?? "") : whole));
}

export async function personalise(message: EmailMessage): Promise<EmailMessage> {
  if (!message.sendId || !message.userId || message.html) return message;
  const [send, user] = await Promise.all([
    db.emailSend.findUniqueOrThrow({ where: { id: message.sendId }, select: { subject: true, html: true, text: true } }),
    db.user.findUnique({ where: { id: message.userId }, select: { firstName: true, lastName: true } }),
  ]);
  const names = { firstName: oneLine(user?.firstName ?? ""), lastName: oneLine(user?.lastName ?? "") };
  const url = unsubscribeUrl(message.userId);
  const data = {
    subject: fillPlaceholders(send.subject, names, (value) => value),
    html: fillPlaceholders(send.html, { ...names, unsubscribeUrl: url }, escapeHtml),
    text: fillPlaceholders(send.text, { ...names, unsubscribeUrl: url }, (value) => value),
    headers: unsubscribeHeaders(message.userId) as Prisma.InputJsonValue,
  };
  return db.emailMessage.update({ where: { id: message.id }, data });
}
