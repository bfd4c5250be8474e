import { checkReadiness } from "@/lib/health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Readiness: send traffic here only while the database answers and the server is not draining. */
export const GET = route(async () => {
  const { ready, reason } = await checkReadiness();
  return Response.json(ready ? { status: "ok" } : { status: "unavailable", reason }, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
