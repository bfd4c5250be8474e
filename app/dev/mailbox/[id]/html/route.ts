import { getMailboxMessage, mailboxOpen } from "@/lib/email/mailbox";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

// The stored HTML of one message. proxy.ts gives this path a sandboxing CSP, so the email's inline styles
// render and nothing in it can run.
export const GET = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  if (!(await mailboxOpen())) return problem(404);
  const message = await getMailboxMessage((await params).id);
  if (!message) return problem(404);
  return new Response(message.html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
});
