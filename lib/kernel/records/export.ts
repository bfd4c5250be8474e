import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { csvField } from "@/lib/csv";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import type { Resource } from "../resource";
import { delegate } from "./delegate";
import type { ListQuery } from "./list-query";
import { listWhere } from "./scope";
import { serialise } from "./serialise";

const BATCH = 500;

/** The filtered list as CSV, streamed a batch at a time (keyset on id), under the same owner rule as the list. */
export async function exportRecordsCsv(
  resource: Resource,
  actor: Actor,
  query: ListQuery,
  context: RequestContext,
): Promise<ReadableStream<Uint8Array>> {
  await authorize(actor, resource.permissions.read, { context });
  if (query.deleted) await authorize(actor, resource.permissions.restore, { context });
  await audit({
    action: resource.audit.export,
    actorId: actor.id,
    context,
    details: { resource: resource.name, q: query.q, filters: query.filters },
  });
  const where = listWhere(resource, actor, query);
  const columns = ["id", ...Object.keys(resource.fields), "createdAt", "updatedAt"];
  const encoder = new TextEncoder();
  let after: string | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(columns.join(",") + "\r\n"));
        return;
      }
      const rows = await delegate(db, resource).findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (!rows.length) return controller.close();
      after = rows[rows.length - 1]!.id;
      const lines = rows.map((row) => {
        const record = serialise(resource, row);
        return columns.map((column) => csvField(record[column])).join(",");
      });
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}
