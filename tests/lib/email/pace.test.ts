import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueEmails } from "@/lib/email";
import { deliverDueSends } from "@/lib/email/bulk";
import { composeEmail } from "@/lib/email/compose";
import { waitForSendSlot } from "@/lib/email/pace";
import type { Transport } from "@/lib/email/transport";
import { exclusively, unique, useTestDatabase } from "../../helpers/database";
import { personWithRoles } from "../../helpers/people";

// One pace for every process (lib/email/pace.ts): two drains at once, as two server processes would run them on
// one database, together deliver at EMAIL_SEND_RATE, not twice it, and never the same message twice. Security
// mail does not wait for the pace.

type Sent = { to: string; at: number };
function recording(log: Sent[]): Transport {
  return { name: "outbox", send: async (message) => (log.push({ to: message.to, at: performance.now() }), { providerId: "test" }) };
}

/** A role of `count` confirmed, active people and a send to it, due in a moment (so nothing drains it on its own). */
async function dueSend(count: number): Promise<string[]> {
  const role = await db.role.create({ data: { name: unique("paced") } });
  const prefix = unique("paced");
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  await db.user.createMany({
    data: emails.map((email) => ({ email, firstName: "Pat", lastName: "Paced", emailVerified: new Date() })),
  });
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  await db.userRole.createMany({ data: users.map((user) => ({ userId: user.id, roleId: role.id })) });
  const sender = await personWithRoles([], { extra: ["email:send"] });
  const scheduledAt = new Date(Date.now() + 300).toISOString();
  const outcome = await composeEmail(sender, { subject: "Paced", markdown: "Hi", audience: "role", roleId: role.id, scheduledAt });
  expect(outcome).toMatchObject({ ok: true, value: { recipients: count } });
  await new Promise((resolve) => setTimeout(resolve, 400));
  return emails;
}

describe("the shared send pace", () => {
  useTestDatabase();

  it("two concurrent drains together stay within the rate, each message sent once", () =>
    // Drains take any due composed message: the other file that drains them waits, so each sees only its own.
    exclusively("composed-sends", async () => {
      // Slow enough that a delivery's own queries (~200 ms on an embedded database on a busy machine) are not the limit.
      const rate = 2;
      const emails = await dueSend(10);
      const sent: Sent[] = [];
      const [first, second] = await Promise.all([
        deliverDueSends(recording(sent), { rate, budgetMs: 20_000 }),
        deliverDueSends(recording(sent), { rate, budgetMs: 20_000 }),
      ]);
      // Between them, every message once. Which drain wins each slot is a race (the pace is shared, not fair), so one
      // may take them all; with a pace per process each would get its own slots, and the crowding check below fails.
      expect(first + second).toBe(emails.length);
      expect(sent.map((s) => s.to).sort()).toEqual([...emails].sort());
      // The pace spaces the slots exactly; what the provider sees also carries each delivery's own queries (up to a
      // few hundred ms apart on a busy machine). So: no second holds more than rate + 1 sends, and the whole send takes
      // its (n - 1) / rate seconds. Two drains each pacing itself would put 2 * rate sends into every second.
      const times = sent.map((s) => s.at).sort((a, b) => a - b);
      const crowded = times.flatMap((at, i) => {
        const later = times[i + rate + 1];
        return later !== undefined && later - at < 1000 ? [Math.round(later - at)] : [];
      });
      expect(crowded).toEqual([]);
      expect(times.at(-1)! - times[0]!).toBeGreaterThan(((times.length - 1) / rate) * 1000 - 300);
    }));

  it("security mail goes while the pace has no slot; a notification waits for the next", async () => {
    // Take the next two seconds' slot (rate 0.5), as a busy bulk drain elsewhere would.
    expect(await waitForSendSlot(0.5, Date.now() + 5_000)).toBe(true);
    const tag = unique("pace");
    const due = {
      status: "FAILED" as const,
      attempts: 1,
      nextAttemptAt: new Date(Date.now() - 1000),
      html: "<p>h</p>",
      text: "t",
      template: "test",
    };
    const security = await db.emailMessage.create({ data: { ...due, to: `${tag}-s@example.com`, subject: "Reset", category: "SECURITY" } });
    const notice = await db.emailMessage.create({
      data: { ...due, to: `${tag}-n@example.com`, subject: "Task", category: "NOTIFICATION" },
    });
    const sent: Sent[] = [];
    await deliverDueEmails(recording(sent), { rate: 0.5, budgetMs: 500 });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: security.id } })).toMatchObject({ status: "SENT" });
    // Not claimed at all: no attempt spent on waiting.
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({ status: "FAILED", attempts: 1 });
    await deliverDueEmails(recording(sent), { rate: 0.5, budgetMs: 4_000 });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });
});
