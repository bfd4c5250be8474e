import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueEmails, deliverEmail, emailTemplates, MAX_ATTEMPTS, sendEmail } from "@/lib/email";
import type { Transport } from "@/lib/email/transport";
import { unique, useTestDatabase } from "../../helpers/database";

const failing: Transport = { name: "resend", send: async () => Promise.reject(new Error("provider down")) };
const working: Transport = { name: "resend", send: async () => ({ providerId: "re_123" }) };

async function waitForStatus(id: string, status: string) {
  for (let i = 0; i < 50; i++) {
    const message = await db.emailMessage.findUniqueOrThrow({ where: { id } });
    if (message.status === status) return message;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`message ${id} never reached ${status}`);
}

describe("email", () => {
  useTestDatabase();

  it("stores every message and delivers it to the outbox without the caller waiting", async () => {
    const to = `${unique("mail")}@example.com`;
    const id = await sendEmail(to, emailTemplates.passwordChanged("Ada"));
    const message = await waitForStatus(id, "SENT");
    expect(message).toMatchObject({ to, providerId: `outbox/${id}`, attempts: 1, template: "password-changed" });
    expect(message.html).toContain("password");
  });

  it("keeps a failed delivery and retries it later with backoff", async () => {
    const message = await db.emailMessage.create({ data: { to: "x@example.com", subject: "s", html: "h", text: "t", template: "test" } });
    expect(await deliverEmail(message.id, failing)).toBe(false);
    const failed = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, lastError: "provider down" });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);

    await db.emailMessage.update({ where: { id: message.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await deliverDueEmails(working)).toBeGreaterThanOrEqual(1);
    const sent = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(sent).toMatchObject({ status: "SENT", attempts: 2, providerId: "re_123", html: "", text: "" });
  });

  it("gives up after the last attempt and never sends a message twice", async () => {
    const message = await db.emailMessage.create({
      data: { to: "y@example.com", subject: "s", html: "h", text: "t", template: "test", attempts: MAX_ATTEMPTS, status: "FAILED" },
    });
    expect(await deliverEmail(message.id, working)).toBe(false);
    const sent = await db.emailMessage.create({ data: { to: "z@example.com", subject: "s", html: "h", text: "t", template: "test" } });
    const results = await Promise.all([deliverEmail(sent.id, working), deliverEmail(sent.id, working)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
