import { currentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { previewEmailSchema } from "@/lib/email/compose-schemas";
import { previewComposed } from "@/lib/email/compose";
import { emailPermissions } from "@/lib/email/permissions";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

// The compose form posts here into its sandboxed preview frame (no JavaScript needed): the email as the
// administrator would receive it. proxy.ts gives this path the email-preview CSP (inline styles render, nothing
// runs), and next.config.ts lets the page frame it.
export const POST = route(async (request: Request) => {
  const user = await currentUser();
  if (!user || !can(user, emailPermissions.send)) return problem(404);
  const form = await request.formData().catch(() => null);
  const parsed = previewEmailSchema.safeParse({ subject: form?.get("subject") ?? "", markdown: form?.get("markdown") ?? "" });
  if (!parsed.success) return problem(422, { code: "invalid_input", detail: "The subject or message is too long to preview." });
  const html = await previewComposed(user, parsed.data.subject, parsed.data.markdown);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
});
