import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { SendProgressBar } from "@/components/admin/send-progress";
import { requirePermission } from "@/lib/auth/current-user";
import { getSend } from "@/lib/email/bulk";
import { sendIdSchema } from "@/lib/email/compose-schemas";
import { emailPermissions } from "@/lib/email/permissions";
import { currentRequestContext } from "@/lib/request-context";
import { cancelSendAction } from "../../actions";

export const metadata: Metadata = { title: "Composed email" };

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function SendPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission(emailPermissions.send);
  const parsed = sendIdSchema.safeParse(await params);
  const send = parsed.success ? await getSend(actor, parsed.data.id, await currentRequestContext()) : null;
  if (!send) notFound();
  const waiting = send.progress.QUEUED + send.progress.FAILED;
  const going = send.progress.QUEUED + send.progress.SENDING + send.progress.FAILED > 0 && send.scheduledAt <= new Date();
  return (
    <>
      <AutoRefresh active={going} />
      <p className="mb-1">
        <Link href="/admin/emails">← Emails</Link>
      </p>
      <h1 className="h2 mb-1">{send.subject}</h1>
      <p className="text-body-secondary mb-3">
        To {send.audienceLabel} · {send.recipients} recipient{send.recipients === 1 ? "" : "s"} ·{" "}
        {send.scheduledAt > new Date() ? `scheduled for ${when(send.scheduledAt)}` : `sending since ${when(send.scheduledAt)}`}
        {send.cancelledAt && ` · cancelled ${when(send.cancelledAt)}`}
      </p>
      <div className="card mb-3">
        <div className="card-body">
          <h2 className="h6">Progress</h2>
          <SendProgressBar progress={send.progress} recipients={send.recipients} />
        </div>
      </div>
      {waiting > 0 && (
        <ActionButton
          action={cancelSendAction}
          input={{ id: send.id }}
          label="Cancel what has not gone"
          variant="outline-danger"
          confirm={{
            title: "Cancel this email?",
            body: `The ${waiting} message${waiting === 1 ? "" : "s"} not sent yet will not be sent. Those already sent cannot be called back.`,
            confirmLabel: "Cancel the rest",
          }}
        />
      )}
      <h2 className="h6 mt-4">Message (Markdown)</h2>
      <pre className="border rounded p-3 small bg-body-tertiary">{send.markdown}</pre>
    </>
  );
}
