import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { mailboxOpen } from "@/lib/email/mailbox";
import { findGalleryEmail } from "../catalog";
import { EmailPreview } from "../../email-preview";

export const metadata: Metadata = { title: "Email template (development)" };

export default async function EmailTemplatePage({ params }: { params: Promise<{ template: string }> }) {
  const { template } = await params;
  if (!(await mailboxOpen())) notFound();
  const email = await findGalleryEmail(template);
  if (!email) notFound();
  const { subject, text } = await email.render(email.sample);
  return (
    <div className="container py-5">
      <p>
        <Link href="/dev/emails">← Email templates</Link>
      </p>
      <h1 className="h3">{subject}</h1>
      <p className="text-body-secondary">
        <code>{email.template}</code> with sample data
      </p>
      <EmailPreview htmlSrc={`/dev/emails/${email.template}/html`} text={text} />
    </div>
  );
}
