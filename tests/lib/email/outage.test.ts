import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueEmails } from "@/lib/email";
import { resendTransport, type Transport } from "@/lib/email/transport";
import { unique, useTestDatabase } from "../../helpers/database";
import { startResendStandIn, type ResendStandIn } from "../../helpers/resend-stand-in";

// The provider goes down: it answers 500, then takes the messages but never answers (a timeout), then refuses
// with 429 for a stretch, then recovers. Through the real drain (deliverDueEmails) and the real Resend client,
// every message must end up sent exactly once: none lost to the errors, none doubled by the retries after the
// timeouts (the idempotency key). A server killed mid-send loses nothing either.

let standIn: ResendStandIn;
let transport: Transport;
beforeAll(async () => {
  standIn = await startResendStandIn();
  // Long enough that a busy CI machine's slow answer is not taken for the outage's silence.
  transport = resendTransport("re_test_key", "Acme <no-reply@acme.example>", { baseUrl: standIn.baseUrl, timeoutMs: 1_500 });
});
afterAll(() => standIn.close());

/** Messages as a crash or a busy server would leave them: stored, not yet sent, due for the drain. */
async function queued(count: number, tag: string): Promise<string[]> {
  const createdAt = new Date(Date.now() - 5 * 60_000);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await db.emailMessage.create({
      data: { to: `${tag}-${i}@example.com`, subject: `Outage ${i}`, html: "<p>h</p>", text: "t", template: "test", createdAt },
    });
    ids.push(id);
  }
  return ids;
}

const statesOf = async (ids: string[]) =>
  (await db.emailMessage.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((m) => m.status);

/** The wait between attempts, skipped. */
const makeDue = (ids: string[]) =>
  db.emailMessage.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

/** Drains until none of these is due any more (the drain takes 50 at a time, oldest first). */
async function drain(ids: string[], through: Transport = transport) {
  for (let round = 0; round < 20; round++) {
    await deliverDueEmails(through);
    const states = await statesOf(ids);
    if (!states.some((s) => s === "QUEUED" || s === "SENDING")) return;
  }
}

describe("a provider outage", () => {
  useTestDatabase();

  it("500s, then timeouts, then recovery: every message delivered exactly once, none lost, none doubled", async () => {
    const ids = await queued(6, unique("outage"));
    const keys = ids.map((id) => `email/${id}`);

    standIn.mode = "error";
    await drain(ids);
    expect(await statesOf(ids)).toEqual(ids.map(() => "FAILED"));
    expect(keys.filter((key) => standIn.sends.has(key))).toEqual([]);

    // The provider takes each message (and sends it) but the answer never arrives.
    standIn.mode = "hang";
    await makeDue(ids);
    await drain(ids);
    expect(await statesOf(ids)).toEqual(ids.map(() => "FAILED"));
    expect(keys.map((key) => standIn.sends.get(key))).toEqual(keys.map(() => 1));

    // Over the provider's rate limit for two rounds: refused, nothing sent again, still waiting.
    standIn.mode = "limited";
    for (let round = 0; round < 2; round++) {
      await makeDue(ids);
      await drain(ids);
      expect(await statesOf(ids)).toEqual(ids.map(() => "FAILED"));
    }
    expect(keys.map((key) => standIn.sends.get(key))).toEqual(keys.map(() => 1));

    standIn.mode = "ok";
    await makeDue(ids);
    await drain(ids);
    const messages = await db.emailMessage.findMany({ where: { id: { in: ids } } });
    expect(messages.map((m) => m.status)).toEqual(ids.map(() => "SENT"));
    expect(messages.map((m) => m.attempts)).toEqual(ids.map(() => 5));
    // The retry got the first answer's id back: the message the provider took during the timeout, not another.
    for (const m of messages) expect(m.providerId).toBe(standIn.ids.get(`email/${m.id}`));
    expect(keys.map((key) => standIn.sends.get(key))).toEqual(keys.map(() => 1));
  });

  it("a server killed mid-send: its claimed messages go out once after the restart, whether or not the provider had them", async () => {
    standIn.mode = "ok";
    const ids = await queued(4, unique("killed"));
    const keys = ids.map((id) => `email/${id}`);
    // The dead process had claimed all four, and got two of them to the provider before it died.
    const claimedAt = new Date(Date.now() - 11 * 60_000);
    await db.emailMessage.updateMany({ where: { id: { in: ids } }, data: { status: "SENDING", attempts: 1, updatedAt: claimedAt } });
    for (const id of ids.slice(0, 2)) await transport.send({ id, to: "x@example.com", subject: "s", html: "h", text: "t" });

    // The restarted process's drain (nothing else): every message sent, the two the provider had not doubled.
    await drain(ids);
    const messages = await db.emailMessage.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.status)).toEqual(ids.map(() => "SENT"));
    expect(keys.map((key) => standIn.sends.get(key))).toEqual(keys.map(() => 1));
  });

  it("measures delivery throughput through the drain against the local server", async () => {
    const count = 300;
    const ids = await queued(count, unique("throughput"));
    const started = performance.now();
    await drain(ids, resendTransport("re_test_key", "Acme <no-reply@acme.example>", { baseUrl: standIn.baseUrl }));
    const seconds = (performance.now() - started) / 1000;
    expect(await statesOf(ids)).toEqual(ids.map(() => "SENT"));
    expect(ids.map((id) => standIn.sends.get(`email/${id}`))).toEqual(ids.map(() => 1));
    console.info(`email throughput: ${count} messages in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} messages/s`);
  }, 60_000);
});
