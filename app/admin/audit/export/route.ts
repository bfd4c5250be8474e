import { exportAuditCsv } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { currentUser } from "@/lib/auth/current-user";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { contextFromHeaders } from "@/lib/request-context";
import { z } from "@/lib/zod";

// GET /admin/audit/export?<the viewer's filters>: the matching entries as a CSV download, streamed.
export const GET = route(async (request) => {
  const requestId = request.headers.get("x-request-id") ?? undefined;
  const user = await currentUser();
  if (!user) return problem(401, { requestId, detail: "Sign in first." });
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return problem(400, { requestId, detail: "The filters are not valid.", errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> });
  const stream = await exportAuditCsv(user, parsed.data, contextFromHeaders(request.headers));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
