import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { listMailbox, mailboxOpen } from "@/lib/email/mailbox";

export const metadata: Metadata = { title: "Mailbox (development)" };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!(await mailboxOpen())) notFound();
  const { to } = await searchParams;
  const recipient = typeof to === "string" && to.length <= 254 ? to : undefined;
  const messages = await listMailbox(recipient);
  return (
    <div className="container py-5">
      <h1 className="h2">Mailbox</h1>
      <p className="text-body-secondary">
        Every email the system sent, kept here because no mail provider is configured. Development only.
      </p>
      <form className="row g-2 mb-3" role="search">
        <div className="col-sm-8 col-md-6">
          <label htmlFor="to" className="visually-hidden">
            Recipient
          </label>
          <input id="to" name="to" type="email" className="form-control" placeholder="Filter by recipient" defaultValue={recipient} />
        </div>
        <div className="col-auto">
          <button type="submit" className="btn btn-outline-primary">
            Filter
          </button>
        </div>
      </form>
      {messages.length === 0 ? (
        <p>No messages.</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-hover align-middle">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td className="text-nowrap small">{message.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td>{message.to}</td>
                  <td>
                    <Link href={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                  </td>
                  <td>
                    <span className="badge text-bg-secondary">{message.status.toLowerCase()}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
