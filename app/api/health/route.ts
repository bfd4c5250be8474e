import { checkHealth, mayReadHealthDetails } from "@/lib/health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const report = await checkHealth();
  const body = mayReadHealthDetails(request.headers.get("authorization")) ? report : { status: report.status };
  return Response.json(body, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
