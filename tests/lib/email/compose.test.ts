import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverEmail } from "@/lib/email";
import { cancelSend, deliverDueSends, getSend } from "@/lib/email/bulk";
import { composeEmail } from "@/lib/email/compose";
import { getEmailPreferences, updateOwnEmailPreferences, wantsEmail } from "@/lib/email/preferences";
import type { Transport } from "@/lib/email/transport";
import { unsubscribe, unsubscribeToken, verifyUnsubscribeToken } from "@/lib/email/unsubscribe";
import { ForbiddenError } from "@/lib/authz";
import { exclusively, unique, useTestDatabase } from "../../helpers/database";
import { personWithRoles } from "../../helpers/people";

// Composing, queueing, personalising and pacing administrators' email, and the preferences it honours.

type Sent = { to: string; subject: string; html: string; text: string; headers?: unknown };
function recording(): Transport & { sent: Sent[] } {
  const sent: Sent[] = [];
  return { name: "outbox", sent, send: async (message) => (sent.push(message), { providerId: "test" }) };
}

async function roleWith(count: number, firstName = "Ada") {
  const role = await db.role.create({ data: { name: unique("readers") } });
  const users = [];
  for (let i = 0; i < count; i++)
    users.push(
      await db.user.create({
        data: {
          email: `${unique("reader")}@example.com`,
          firstName,
          lastName: "Reader",
          emailVerified: new Date(),
          roles: { create: { roleId: role.id } },
        },
      }),
    );
  return { role, users };
}

const sender = () => personWithRoles([], { extra: ["email:send"] });
const compose = (values: Record<string, unknown>) => ({ subject: "News", markdown: "Hello", audience: "role", ...values });

describe("composed email", () => {
  useTestDatabase();

  it("refuses a subject with CR or LF (no header injection) and unknown merge fields", async () => {
    const actor = await sender();
    const { role } = await roleWith(1);
    for (const subject of ["News\r\nBcc: victim@example.com", "News\nX: y", "News\rX"]) {
      const outcome = await composeEmail(actor, compose({ subject, roleId: role.id }));
      expect(outcome).toMatchObject({
        ok: false,
        status: 422,
        code: "invalid_input",
        fieldErrors: { subject: ["The subject must be one line."] },
      });
    }
    expect(await composeEmail(actor, compose({ markdown: "Hi {{password}}", roleId: role.id }))).toMatchObject({
      ok: false,
      fieldErrors: { markdown: [expect.stringContaining("Merge fields")] },
    });
    expect(await db.emailSend.count({ where: { createdById: actor.id } })).toBe(0);
  });

  it("needs email:send, and email:send_all for everyone", async () => {
    const nobody = await personWithRoles([]);
    await expect(composeEmail(nobody, compose({ audience: "all" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(composeEmail(await sender(), compose({ audience: "all" }))).rejects.toBeInstanceOf(ForbiddenError);
    const all = await personWithRoles([], { extra: ["email:send", "email:send_all"] });
    const outcome = await composeEmail(all, compose({ audience: "all", scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(outcome).toMatchObject({ ok: true });
    const everyone = await db.user.count({ where: { deletedAt: null, status: "ACTIVE", emailVerified: { not: null } } });
    expect(outcome.ok && outcome.value.recipients).toBe(everyone);
    expect(await db.auditLog.count({ where: { action: "email.composed", actorId: all.id } })).toBe(1);
  });

  it("queues one message per confirmed, active member of a role, and none for the others", async () => {
    const actor = await sender();
    const { role, users } = await roleWith(3);
    await db.user.update({ where: { id: users[1]!.id }, data: { emailVerified: null } });
    await db.user.update({ where: { id: users[2]!.id }, data: { status: "DISABLED" } });
    const outcome = await composeEmail(actor, compose({ roleId: role.id, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(outcome).toMatchObject({ ok: true, value: { recipients: 1 } });
    const messages = await db.emailMessage.findMany({ where: { sendId: outcome.ok ? outcome.value.id : "" } });
    expect(messages.map((m) => [m.userId, m.category, m.status])).toEqual([[users[0]!.id, "ANNOUNCEMENT", "QUEUED"]]);
  });

  it("fills merge fields escaped, with a signed unsubscribe link and the one-click headers", async () => {
    const actor = await sender();
    const { role, users } = await roleWith(1, '<img src=x onerror="alert(1)">');
    const outcome = await composeEmail(
      actor,
      compose({
        subject: "For {{firstName}}",
        markdown: "Dear **{{firstName}}** {{lastName}}",
        roleId: role.id,
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    expect(outcome.ok).toBe(true);
    const message = await db.emailMessage.findFirstOrThrow({ where: { userId: users[0]!.id } });
    const transport = recording();
    expect(await deliverEmail(message.id, transport)).toBe(true);
    const [sent] = transport.sent;
    expect(sent!.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(sent!.html).not.toContain("<img");
    expect(sent!.html).toContain("Reader");
    expect(sent!.subject).toBe('For <img src=x onerror="alert(1)">');
    const token = unsubscribeToken(users[0]!.id);
    expect(sent!.html).toContain(`/email/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(sent!.text).toContain(`/email/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(sent!.headers).toEqual({
      "List-Unsubscribe": `<http://localhost:3000/api/email/unsubscribe?token=${encodeURIComponent(token)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("skips whoever opted out at delivery, while their security mail still goes", async () => {
    const actor = await sender();
    const { role, users } = await roleWith(2);
    const outcome = await composeEmail(actor, compose({ roleId: role.id, scheduledAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(outcome.ok).toBe(true);
    expect(await unsubscribe(unsubscribeToken(users[0]!.id))).toBe(true);
    expect(await wantsEmail(users[0]!.id, "ANNOUNCEMENT")).toBe(false);
    expect(await wantsEmail(users[0]!.id, "SECURITY")).toBe(true);
    const transport = recording();
    for (const m of await db.emailMessage.findMany({ where: { sendId: outcome.ok ? outcome.value.id : "" } }))
      await deliverEmail(m.id, transport);
    expect(transport.sent.map((m) => m.to)).toEqual([users[1]!.email]);
    const send = await getSend(actor, outcome.ok ? outcome.value.id : "");
    expect(send?.progress).toMatchObject({ SENT: 1, SUPPRESSED: 1 });
    const reset = await db.emailMessage.create({
      data: {
        to: users[0]!.email,
        subject: "Reset",
        html: "h",
        text: "t",
        template: "password-reset",
        category: "SECURITY",
        userId: users[0]!.id,
      },
    });
    expect(await deliverEmail(reset.id, transport)).toBe(true);
  });

  it("accepts only its own untampered unsubscribe tokens", async () => {
    const { users } = await roleWith(1);
    const token = unsubscribeToken(users[0]!.id);
    expect(verifyUnsubscribeToken(token)).toBe(users[0]!.id);
    const [id, mac] = token.split(".");
    expect(verifyUnsubscribeToken(`${Buffer.from("someone-else").toString("base64url")}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${id}.${mac!.slice(0, -2)}AA`)).toBeNull();
    expect(verifyUnsubscribeToken(`${id}`)).toBeNull();
    expect(await unsubscribe("nonsense")).toBe(false);
    await updateOwnEmailPreferences(users[0]!.id, { announcements: true, notifications: false });
    expect(await getEmailPreferences(users[0]!.id)).toEqual({ announcements: true, notifications: false });
    expect(await wantsEmail(users[0]!.id, "NOTIFICATION")).toBe(false);
    expect(await db.auditLog.count({ where: { action: "email.preferences", actorId: users[0]!.id } })).toBe(1);
  });

  it("delivers due sends at EMAIL_SEND_RATE, leaves scheduled ones for their time, and cancels what has not gone", () =>
    // Drains take any due composed message: the other file that drains them waits, so each sees only its own.
    exclusively("composed-sends", async () => {
      const actor = await sender();
      const { role } = await roleWith(4);
      const later = await composeEmail(actor, compose({ roleId: role.id, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }));
      // Due in a moment (a send due now would start draining by itself after the response).
      const soon = await composeEmail(actor, compose({ roleId: role.id, scheduledAt: new Date(Date.now() + 500).toISOString() }));
      expect(later.ok && soon.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const transport = recording();
      const started = Date.now();
      // 4 due messages at 10 a second: the last waits three intervals.
      expect(await deliverDueSends(transport, { rate: 10, budgetMs: 10_000 })).toBe(4);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      const laterId = later.ok ? later.value.id : "";
      expect((await getSend(actor, laterId))?.progress.QUEUED).toBe(4);
      expect(await cancelSend(actor, laterId)).toMatchObject({ ok: true, value: { cancelled: 4 } });
      expect(await cancelSend(actor, laterId)).toMatchObject({ ok: false, status: 409, code: "send_finished" });
      expect((await getSend(actor, laterId))?.progress.CANCELLED).toBe(4);
      expect(await db.auditLog.count({ where: { action: "email.send_cancelled", targetId: laterId } })).toBe(1);
    }));

  it("limits how often one sender composes", async () => {
    const actor = await sender();
    const { role } = await roleWith(1);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    for (let i = 0; i < 10; i++) expect((await composeEmail(actor, compose({ roleId: role.id, scheduledAt: at }))).ok).toBe(true);
    expect(await composeEmail(actor, compose({ roleId: role.id, scheduledAt: at }))).toMatchObject({ ok: false, status: 429 });
  });
});
