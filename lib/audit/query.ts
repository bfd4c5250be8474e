import "server-only";
import { csvField } from "@/lib/csv";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import { audit } from "./index";
import { auditPermissions } from "./permissions";
import type { AuditQuery } from "./schemas";

// Reading the audit log: filtered pages for the viewer, and a CSV export that streams in batches so a
// large log never sits in memory.

function auditWhere(query: AuditQuery): Prisma.AuditLogWhereInput {
  const actor = query.actor;
  return {
    ...(actor ? (actor.includes("@") ? { actorEmail: actor.toLowerCase() } : { actorId: actor }) : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.target ? { targetId: query.target } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { lt: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

const select = {
  id: true,
  createdAt: true,
  action: true,
  actorId: true,
  targetType: true,
  targetId: true,
  ipAddress: true,
  userAgent: true,
  details: true,
  actorEmail: true,
} as const;

export async function listAuditEntries(actor: Actor, query: AuditQuery, context?: RequestContext) {
  await authorize(actor, auditPermissions.read, { context });
  const where = auditWhere(query);
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.size,
      take: query.size,
      select,
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / query.size)), entries };
}

const CSV_COLUMNS = [
  "time",
  "action",
  "actor_id",
  "actor_email",
  "target_type",
  "target_id",
  "ip_address",
  "user_agent",
  "details",
] as const;
const BATCH = 500;

/** The filtered log as CSV, newest first, one batch at a time (keyset pagination on createdAt and id). */
export async function exportAuditCsv(actor: Actor, query: AuditQuery, context: RequestContext): Promise<ReadableStream<Uint8Array>> {
  await authorize(actor, auditPermissions.export, { context });
  await audit({
    action: "admin.audit_export",
    actorId: actor.id,
    context,
    details: { filters: { ...query, page: undefined, size: undefined } },
  });
  const where = auditWhere(query);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
        return;
      }
      const after: Prisma.AuditLogWhereInput = cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : {};
      const rows = await db.auditLog.findMany({
        where: { AND: [where, after] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: BATCH,
        select,
      });
      if (rows.length === 0) return controller.close();
      const last = rows[rows.length - 1]!;
      cursor = { createdAt: last.createdAt, id: last.id };
      const lines = rows.map((row) =>
        [
          row.createdAt.toISOString(),
          row.action,
          row.actorId,
          row.actorEmail,
          row.targetType,
          row.targetId,
          row.ipAddress,
          row.userAgent,
          row.details,
        ]
          .map(csvField)
          .join(","),
      );
      controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
    },
  });
}
