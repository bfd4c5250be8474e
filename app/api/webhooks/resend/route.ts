import { env } from "@/lib/env";
import { receiveResendWebhook } from "@/lib/email/webhook";
import { problem, problemFromRefusal } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Resend's delivery events (lib/email/webhook.ts verifies and applies them). Without RESEND_WEBHOOK_SECRET the
// route does not exist. The body is read as text: the signature covers the exact bytes.
export const POST = route(async (request: Request) => {
  if (!env.RESEND_WEBHOOK_SECRET) return problem(404);
  const outcome = await receiveResendWebhook(await request.text(), request.headers, env.RESEND_WEBHOOK_SECRET);
  if (!outcome.ok) return problemFromRefusal(outcome, request.headers.get("x-request-id") ?? undefined);
  return Response.json({ received: true, duplicate: outcome.value.duplicate }, { headers: { "Cache-Control": "no-store" } });
});
