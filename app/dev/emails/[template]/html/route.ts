import { mailboxOpen } from "@/lib/email/mailbox";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { findGalleryEmail } from "../../catalog";

// One template rendered with its sample data, for the gallery's frame. proxy.ts gives this path the same
// sandboxing CSP as a stored message in the mailbox: the inline styles render, nothing can run.
export const GET = route(async (_request: Request, { params }: { params: Promise<{ template: string }> }) => {
  if (!(await mailboxOpen())) return problem(404);
  const email = await findGalleryEmail((await params).template);
  if (!email) return problem(404);
  const { html } = await email.render(email.sample);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
});
