import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { runAfterResponse } from "@/lib/after-response";
import { audit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-context";
import { deliverDueSends } from "./bulk";
import { composeEmailSchema } from "./compose-schemas";
import { markdownToSafeHtml } from "./markdown";
import { escapeHtml, fillPlaceholders } from "./personalise";
import { emailPermissions } from "./permissions";
import { announcement } from "./templates/announcement";

// An administrator's email to people, a role or everyone. The body is rendered once, here: Markdown through the
// allowlist (markdown.ts) into the branded layout, with {{firstName}}-style placeholders and the unsubscribe
// link left for delivery (bulk.ts fills them per recipient, escaped). So queueing is one INSERT … SELECT over
// the audience, whatever its size, and the per-recipient work (a name, a signed link) happens at the rate
// delivery goes anyway. Messages are queued for every matching account; whether someone opted out is decided
// at delivery, so an unsubscribe between queueing and sending still counts.

type ComposeInput = (typeof composeEmailSchema)["_zod"]["output"];
type Audience = { kind: "people"; emails: string[] } | { kind: "role"; roleId: string; roleName: string } | { kind: "all" };

const MAX_PEOPLE = 500;
const MAX_SCHEDULE_DAYS = 365;

/** The body as every recipient gets it, with placeholders for what differs per recipient. */
export async function renderComposed(subject: string, markdown: string) {
  const rendered = await announcement.render({
    firstName: "{{firstName}}",
    bodyHtml: markdownToSafeHtml(markdown),
    unsubscribeHref: "{{unsubscribeUrl}}",
  });
  return { subject, html: rendered.html, text: rendered.text };
}

/** The compose page's preview: the body as `actor` would receive it (their name; the unsubscribe link inert). */
export async function previewComposed(actor: Actor & { firstName: string; lastName: string }, subject: string, markdown: string) {
  await authorize(actor, emailPermissions.send);
  const { html } = await renderComposed(subject, markdown);
  const names = { firstName: actor.firstName, lastName: actor.lastName, unsubscribeUrl: "#" };
  return fillPlaceholders(html, names, escapeHtml);
}

/** The roles an audience can name, for the compose form (sending does not need roles:read). */
export async function audienceRoles(actor: Actor) {
  await authorize(actor, emailPermissions.send);
  return db.role.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

const invalid = (field: string, message: string) =>
  refuse(422, "Check the highlighted fields.", { code: "invalid_input", fieldErrors: { [field]: [message] } });

async function resolveAudience(
  actor: Actor,
  input: ComposeInput,
  context?: RequestContext,
): Promise<Audience | ReturnType<typeof invalid>> {
  if (input.audience === "all") {
    await authorize(actor, emailPermissions.send_all, { context });
    return { kind: "all" };
  }
  if (input.audience === "role") {
    if (!input.roleId) return invalid("roleId", "Choose a role.");
    const role = await db.role.findUnique({ where: { id: input.roleId }, select: { id: true, name: true } });
    return role ? { kind: "role", roleId: role.id, roleName: role.name } : invalid("roleId", "That role does not exist.");
  }
  const emails = [
    ...new Set(
      (input.emails ?? "")
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((email) => email.toLowerCase()),
    ),
  ];
  if (emails.length === 0) return invalid("emails", "Name at least one address.");
  if (emails.length > MAX_PEOPLE) return invalid("emails", `At most ${MAX_PEOPLE} addresses; send to a role instead.`);
  if (emails.some((email) => email.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(email)))
    return invalid("emails", "One of the addresses is not valid.");
  return { kind: "people", emails };
}

function parseSchedule(value: string | undefined): Date | null | "invalid" {
  if (!value) return null;
  // datetime-local has no zone: the form says it is UTC.
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) return "invalid";
  if (date.getTime() < Date.now() - 60_000 || date.getTime() > Date.now() + MAX_SCHEDULE_DAYS * 86_400_000) return "invalid";
  return date;
}

const audienceLabel = (audience: Audience, count: number) =>
  audience.kind === "all"
    ? "Everyone"
    : audience.kind === "role"
      ? `Role: ${audience.roleName}`
      : `${count} ${count === 1 ? "person" : "people"}`;

function audienceCondition(audience: Audience): Prisma.Sql {
  if (audience.kind === "all") return Prisma.sql`TRUE`;
  if (audience.kind === "role")
    return Prisma.sql`EXISTS (SELECT 1 FROM "UserRole" ur WHERE ur."userId" = u."id" AND ur."roleId" = ${audience.roleId})`;
  return Prisma.sql`u."email" IN (${Prisma.join(audience.emails)})`;
}

export type ComposedSend = { id: string; recipients: number; scheduledAt: string };

/** Validates, authorises, renders once and queues one message per recipient in one statement; audited. */
export async function composeEmail(actor: Actor, raw: unknown, context?: RequestContext): Promise<Outcome<ComposedSend>> {
  await authorize(actor, emailPermissions.send, { context });
  const parsed = composeEmailSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return refuse(422, "Check the highlighted fields.", { code: "invalid_input", fieldErrors });
  }
  const input = parsed.data;
  const scheduled = parseSchedule(input.scheduledAt);
  if (scheduled === "invalid") return invalid("scheduledAt", `Choose a time from now to ${MAX_SCHEDULE_DAYS} days ahead.`);
  const audience = await resolveAudience(actor, input, context);
  if ("ok" in audience) return audience;

  const limit = await consumeRateLimit(rateLimits.emailComposeBySender, actor.id);
  if (!limit.allowed)
    return refuse(429, "You have sent many emails lately: wait before the next one.", { retryAfterSeconds: limit.retryAfterSeconds });

  const scheduledAt = scheduled ?? new Date();
  const { html, text } = await renderComposed(input.subject, input.markdown);
  const send = await db.$transaction(async (tx) => {
    const created = await tx.emailSend.create({
      data: {
        subject: input.subject,
        markdown: input.markdown,
        html,
        text,
        audience: audience as Prisma.InputJsonValue,
        audienceLabel: "",
        recipients: 0,
        createdById: actor.id,
        scheduledAt,
      },
      select: { id: true },
    });
    // Active accounts with a confirmed address only: announcements never go to an unproven address.
    const recipients = await tx.$executeRaw`
      INSERT INTO "EmailMessage" ("id", "to", "subject", "html", "text", "template", "category", "userId", "sendId", "status",
                                  "nextAttemptAt", "createdAt", "updatedAt")
      SELECT replace(gen_random_uuid()::text, '-', ''), u."email", ${input.subject}, '', '', 'announcement',
             'ANNOUNCEMENT'::"EmailCategory", u."id", ${created.id}, 'QUEUED'::"EmailStatus",
             ${scheduledAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM "User" u
      WHERE u."deletedAt" IS NULL AND u."status" = 'ACTIVE' AND u."emailVerified" IS NOT NULL AND ${audienceCondition(audience)}`;
    await tx.emailSend.update({ where: { id: created.id }, data: { recipients, audienceLabel: audienceLabel(audience, recipients) } });
    return { id: created.id, recipients };
  });
  if (send.recipients === 0) {
    await db.emailSend.delete({ where: { id: send.id } });
    return refuse(422, "Nobody in that audience can receive email (active accounts with a confirmed address only).", {
      code: "no_recipients",
    });
  }
  await audit({
    action: "email.composed",
    actorId: actor.id,
    target: { type: "email-send", id: send.id },
    context,
    details: { audience: audience.kind, recipients: send.recipients, scheduledAt: scheduledAt.toISOString(), subject: input.subject },
  });
  if (!scheduled) runAfterResponse("composed email delivery", () => deliverDueSends());
  const when = scheduled ? `at ${scheduledAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "now";
  return done(
    { id: send.id, recipients: send.recipients, scheduledAt: scheduledAt.toISOString() },
    `Queued for ${send.recipients} recipient${send.recipients === 1 ? "" : "s"}, sending ${when}.`,
  );
}
