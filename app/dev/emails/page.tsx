import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { mailboxOpen } from "@/lib/email/mailbox";
import { galleryEmails } from "./catalog";

export const metadata: Metadata = { title: "Email templates (development)" };

// The gallery shows sample messages only, but it stays behind the mailbox's gate: same audience, same 404.
export default async function EmailGalleryPage() {
  if (!(await mailboxOpen())) notFound();
  const emails = await galleryEmails();
  return (
    <div className="container py-5">
      <h1 className="h2">Email templates</h1>
      <p className="text-body-secondary">Every message the system sends, rendered with sample data. Development only.</p>
      <ul className="list-group" aria-label="Email templates">
        {emails.map((email) => (
          <li key={email.template} className="list-group-item d-flex flex-wrap justify-content-between gap-2">
            <Link href={`/dev/emails/${email.template}`}>{email.subject}</Link>
            <code>{email.template}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
