import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { getMailboxMessage, linksIn, mailboxOpen } from "@/lib/email/mailbox";
import { EmailPreview } from "../../email-preview";

const headersOf = (headers: unknown): [string, string][] =>
  headers && typeof headers === "object"
    ? Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === "string")
    : [];

export const metadata: Metadata = { title: "Message (development mailbox)" };

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await mailboxOpen())) notFound();
  const message = await getMailboxMessage(id);
  if (!message) notFound();
  const links = linksIn(message.text);
  return (
    <div className="container py-5">
      <p>
        <Link href="/dev/mailbox">← Mailbox</Link>
      </p>
      <h1 className="h3">{message.subject}</h1>
      <p className="text-body-secondary">
        To {message.to} · {message.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
      </p>
      {headersOf(message.headers).length > 0 && (
        <dl className="small" aria-label="Extra headers">
          {headersOf(message.headers).map(([name, value]) => (
            <div key={name} className="d-flex gap-2">
              <dt>{name}:</dt>
              <dd className="mb-0 text-break" data-testid="mail-header">
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {links.length > 0 && (
        <ul aria-label="Links in this message">
          {links.map((link) => (
            <li key={link}>
              <a href={link} data-testid="mail-link">
                {link}
              </a>
            </li>
          ))}
        </ul>
      )}
      <EmailPreview htmlSrc={`/dev/mailbox/${message.id}/html`} text={message.text} />
    </div>
  );
}
