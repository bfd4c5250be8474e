import { exportAuditCsv } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { currentUser } from "@/lib/auth/current-user";
import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { contextFromHeaders } from "@/lib/request-context";
import { z } from "@/lib/zod";

// POST /admin/audit/export with the viewer's filters as a form: the matching entries as a CSV download,
// streamed. A POST from our own pages only (an export is audited, so a cross-site link must not cause one);
// there is no GET, so Next answers 405 to one.
export const POST = route(async (request) => {
  const requestId = request.headers.get("x-request-id") ?? undefined;
  if (!isSameOriginRequest(request.headers)) return problem(403, { requestId, detail: "Export from the audit log page." });
  const user = await currentUser();
  if (!user) return problem(401, { requestId, detail: "Sign in first." });
  const form = await request.formData().catch(() => null);
  if (!form) return problem(415, { requestId, detail: "Send the filters as a form." });
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return problem(400, {
      requestId,
      detail: "The filters are not valid.",
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    });
  const stream = await exportAuditCsv(user, parsed.data, contextFromHeaders(request.headers));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
