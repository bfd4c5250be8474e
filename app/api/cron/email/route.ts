import { env } from "@/lib/env";
import { drainOutbox } from "@/lib/email/bulk";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { bearerMatches } from "@/lib/secure-token";

export const dynamic = "force-dynamic";

// On Vercel no process lives between requests to run the retry loop (lib/email/retry-loop.ts): Vercel Cron calls
// this with `Authorization: Bearer <CRON_SECRET>` (vercel.json) and it delivers what is due. Without the secret
// configured the route does not exist; with a wrong one it says no more than 401.
export const GET = route(async (request: Request) => {
  if (!env.CRON_SECRET) return problem(404);
  if (!bearerMatches(request.headers.get("authorization"), env.CRON_SECRET))
    return problem(401, { code: "unauthenticated", detail: "Send Authorization: Bearer <CRON_SECRET>." });
  const delivered = await drainOutbox();
  return Response.json({ delivered }, { headers: { "Cache-Control": "no-store" } });
});
