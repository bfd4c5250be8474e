import { unsubscribe } from "@/lib/email/unsubscribe";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { contextFromHeaders } from "@/lib/request-context";
import { systemConfig } from "@/system.config";

export const dynamic = "force-dynamic";

// RFC 8058 one-click unsubscribe: the List-Unsubscribe address of every announcement. Mail clients POST
// `List-Unsubscribe=One-Click` here with the signed token in the URL, with no cookie and from anywhere; the
// confirm page (/email/unsubscribe) posts the same form. A GET (a scanner, a person pasting the address) changes
// nothing: it is sent to that page.

const page = (query: string) => new URL(`/email/unsubscribe?${query}`, systemConfig.url);

export const GET = route(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return Response.redirect(page(`token=${encodeURIComponent(token)}`), 303);
});

export const POST = route(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const form = await request.formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click")
    return problem(400, { code: "bad_request", detail: "Post List-Unsubscribe=One-Click (RFC 8058)." });
  if (!(await unsubscribe(token, contextFromHeaders(request.headers))))
    return problem(400, { code: "token_invalid", detail: "The unsubscribe link is not valid." });
  // A person on the confirm page sees the result; a mail client's one-click gets a plain 200.
  if (request.headers.get("accept")?.includes("text/html")) return Response.redirect(page("status=done"), 303);
  return new Response("Unsubscribed.", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
});
