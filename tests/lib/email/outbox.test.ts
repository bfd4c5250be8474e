import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueEmails, deliverEmail, MAX_ATTEMPTS } from "@/lib/email";
import { cancelEmail, countDeadLetters, listOutbox, retryEmailNow } from "@/lib/email/outbox";
import { outboxQuerySchema } from "@/lib/email/outbox-schemas";
import type { Transport } from "@/lib/email/transport";
import { unique, useTestDatabase } from "../../helpers/database";
import { personWithRoles } from "../../helpers/people";

// The outbox as an operator sees it: dead letters, the provider's idempotency key, retry now and cancel.

const failing: Transport = { name: "resend", send: async () => Promise.reject(new Error("provider down")) };

function stored(data: { status?: "QUEUED" | "SENDING" | "SENT" | "FAILED" | "DEAD"; attempts?: number; updatedAt?: Date } = {}) {
  return db.emailMessage.create({
    data: { to: `${unique("outbox")}@example.com`, subject: unique("Subject"), html: "h", text: "t", template: "test", ...data },
  });
}
const statusOf = async (id: string) => (await db.emailMessage.findUniqueOrThrow({ where: { id } })).status;
async function waitForStatus(id: string, status: string) {
  for (let i = 0; i < 100 && (await statusOf(id)) !== status; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return statusOf(id);
}

describe("the outbox", () => {
  useTestDatabase();

  it("sends each message's id as the provider's idempotency key, the same on every attempt", async () => {
    const keys: string[] = [];
    const flaky: Transport = {
      name: "resend",
      send: async (message) => {
        keys.push(message.id);
        if (keys.length === 1) throw new Error("timed out");
        return { providerId: "re_1" };
      },
    };
    const message = await stored();
    expect(await deliverEmail(message.id, flaky)).toBe(false);
    await db.emailMessage.update({ where: { id: message.id }, data: { nextAttemptAt: new Date(0) } });
    expect(await deliverEmail(message.id, flaky)).toBe(true);
    expect(keys).toEqual([message.id, message.id]);
  });

  it("makes a message a dead letter after its last attempt, audited and counted, and never tries it again by itself", async () => {
    const message = await stored({ status: "FAILED", attempts: MAX_ATTEMPTS - 1 });
    const before = await countDeadLetters();
    expect(await deliverEmail(message.id, failing)).toBe(false);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "DEAD",
      attempts: MAX_ATTEMPTS,
      lastError: "provider down",
    });
    expect(await countDeadLetters()).toBe(before + 1);
    expect(await db.auditLog.count({ where: { action: "email.dead", targetId: message.id } })).toBe(1);
    await db.emailMessage.update({ where: { id: message.id }, data: { nextAttemptAt: new Date(0) } });
    await deliverDueEmails(failing);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "DEAD",
      attempts: MAX_ATTEMPTS,
    });
  });

  it("hands a send interrupted by a crash back to the retries, or to the dead letters if it was the last attempt", async () => {
    const longAgo = new Date(Date.now() - 11 * 60_000);
    const early = await stored({ status: "SENDING", attempts: 1 });
    const last = await stored({ status: "SENDING", attempts: MAX_ATTEMPTS });
    // updatedAt is set by Prisma on every write: backdate it in SQL.
    await db.$executeRaw`UPDATE "EmailMessage" SET "updatedAt" = ${longAgo}, "nextAttemptAt" = ${new Date(Date.now() + 3_600_000)} WHERE "id" IN (${early.id}, ${last.id})`;
    await deliverDueEmails(failing);
    expect(await statusOf(early.id)).toBe("FAILED");
    expect(await statusOf(last.id)).toBe("DEAD");
  });

  it("retries a dead letter once more on an operator's word, and refuses a sent or unknown one", async () => {
    const operator = await personWithRoles([], { extra: ["email:read", "email:manage"] });
    const dead = await stored({ status: "DEAD", attempts: MAX_ATTEMPTS });
    expect(await retryEmailNow(operator, dead.id)).toMatchObject({ ok: true });
    // No provider is configured in tests: the outbox transport delivers it.
    expect(await waitForStatus(dead.id, "SENT")).toBe("SENT");
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ attempts: MAX_ATTEMPTS });
    expect(await db.auditLog.findFirst({ where: { action: "email.retried", targetId: dead.id } })).toMatchObject({ actorId: operator.id });

    expect(await retryEmailNow(operator, dead.id)).toMatchObject({ ok: false, status: 409 });
    expect(await retryEmailNow(operator, "nosuchemail")).toMatchObject({ ok: false, status: 404 });
  });

  it("cancels a message that has not gone out, which then never goes; a sent one cannot be cancelled", async () => {
    const operator = await personWithRoles([], { extra: ["email:read", "email:manage"] });
    const queued = await stored();
    expect(await cancelEmail(operator, queued.id)).toMatchObject({ ok: true });
    expect(await deliverEmail(queued.id, failing)).toBe(false);
    expect(await statusOf(queued.id)).toBe("CANCELLED");
    expect(await db.auditLog.count({ where: { action: "email.cancelled", targetId: queued.id } })).toBe(1);

    const sent = await stored({ status: "SENT", attempts: 1 });
    expect(await cancelEmail(operator, sent.id)).toMatchObject({ ok: false, status: 409 });
    expect(await statusOf(sent.id)).toBe("SENT");
  });

  it("lists by state and by recipient or subject for email:read, and refuses changes without email:manage", async () => {
    const reader = await personWithRoles([], { extra: ["email:read"] });
    const dead = await stored({ status: "DEAD", attempts: MAX_ATTEMPTS });
    const page = await listOutbox(reader, outboxQuerySchema.parse({ status: "dead", q: dead.to.toUpperCase() }));
    expect(page.messages.map((m) => m.id)).toEqual([dead.id]);
    expect(page.messages[0]).not.toHaveProperty("html");
    expect((await listOutbox(reader, outboxQuerySchema.parse({ status: "sent", q: dead.to }))).total).toBe(0);

    await expect(retryEmailNow(reader, dead.id)).rejects.toThrow();
    await expect(cancelEmail(reader, dead.id)).rejects.toThrow();
    const nobody = await personWithRoles([]);
    await expect(listOutbox(nobody, outboxQuerySchema.parse({}))).rejects.toThrow();
    expect(await statusOf(dead.id)).toBe("DEAD");
  });
});
