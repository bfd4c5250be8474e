import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { deliverEmail, emailTemplates, sendEmail } from "@/lib/email";
import type { Transport } from "@/lib/email/transport";
import { unique, useTestDatabase } from "../helpers/database";
import { signedHeaders, webhookSecret } from "../helpers/svix";

// Resend's delivery events: only signed deliveries count, each once; a hard bounce or a complaint suppresses the
// address for everything but security mail.

type Handler = (request: Request, context: never) => Promise<Response> | Response;
const post = (handler: Handler, body: string, headers: Record<string, string>) =>
  handler(new Request("http://localhost/api/webhooks/resend", { method: "POST", body, headers }), undefined as never);

const sent: string[] = [];
const provider: Transport = {
  name: "resend",
  send: async ({ id }) => {
    sent.push(id);
    return { providerId: `re_${id}` };
  },
};

/** A message as it stands after Resend accepted it. */
async function sentMessage(to: string) {
  const message = await db.emailMessage.create({
    data: { to, subject: "s", html: "h", text: "t", template: "test", category: "NOTIFICATION", status: "SENT", providerId: unique("re") },
  });
  return message;
}

const event = (type: string, providerId: string, to: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: providerId, to: [to], ...extra } });

describe("POST /api/webhooks/resend", () => {
  useTestDatabase();
  let route: typeof import("@/app/api/webhooks/resend/route");

  beforeAll(async () => {
    process.env.RESEND_WEBHOOK_SECRET = webhookSecret;
    vi.resetModules();
    route = await import("@/app/api/webhooks/resend/route");
  });

  it("refuses a delivery that is unsigned, signed with another secret, tampered with or too old, and changes nothing", async () => {
    const message = await sentMessage(`${unique("sig")}@example.com`);
    const body = event("email.delivered", message.providerId!, message.to);
    const tooOld = Math.floor(Date.now() / 1000) - 10 * 60;
    const attempts = [
      {},
      signedHeaders(body, { secret: `whsec_${Buffer.from("another secret entirely!").toString("base64")}` }),
      signedHeaders(body.replace("delivered", "complained")),
      signedHeaders(body, { timestamp: tooOld }),
    ];
    for (const [index, headers] of attempts.entries()) {
      // The third is signed for another body than the one sent.
      const response = await post(route.POST, body, headers);
      expect(response.status, `attempt ${index}`).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { code: string }).code).toBe("invalid_signature");
    }
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
  });

  it("marks a message delivered, and acknowledges a replay of the same delivery without applying it again", async () => {
    const message = await sentMessage(`${unique("ok")}@example.com`);
    const body = event("email.delivered", message.providerId!, message.to);
    const headers = signedHeaders(body);
    const first = await post(route.POST, body, headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const delivered = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(delivered.status).toBe("DELIVERED");
    expect(delivered.deliveryEventAt).not.toBeNull();

    // The replayed delivery would otherwise move the message on again: put it back to see that it does not.
    await db.emailMessage.update({ where: { id: message.id }, data: { status: "SENT" } });
    const replay = await post(route.POST, body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
  });

  it("suppresses a hard-bounced address: later notifications are withheld, security mail still goes", async () => {
    const to = `${unique("Bounce")}@Example.com`;
    const message = await sentMessage(to);
    const body = event("email.bounced", message.providerId!, to, {
      bounce: { type: "Permanent", subType: "General", message: "550 5.1.1 no such user" },
    });
    expect((await post(route.POST, body, signedHeaders(body))).status).toBe(200);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "BOUNCED" });
    const suppression = await db.emailSuppression.findUniqueOrThrow({ where: { address: to.toLowerCase() } });
    expect(suppression).toMatchObject({ reason: "BOUNCE", messageId: message.id, detail: "550 5.1.1 no such user" });

    const notification = await db.emailMessage.create({
      data: { to, subject: "s", html: "h", text: "t", template: "test", category: "NOTIFICATION" },
    });
    expect(await deliverEmail(notification.id, provider)).toBe(false);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: notification.id } })).toMatchObject({ status: "SUPPRESSED" });
    expect(sent).not.toContain(notification.id);

    const security = await db.emailMessage.create({ data: { to, subject: "s", html: "h", text: "t", template: "test" } });
    expect(await deliverEmail(security.id, provider)).toBe(true);
    expect(sent).toContain(security.id);
  });

  it("suppresses after a complaint, but not after a soft bounce", async () => {
    const soft = await sentMessage(`${unique("soft")}@example.com`);
    const softBody = event("email.bounced", soft.providerId!, soft.to, { bounce: { type: "Transient", message: "mailbox full" } });
    expect((await post(route.POST, softBody, signedHeaders(softBody))).status).toBe(200);
    expect(await db.emailSuppression.count({ where: { address: soft.to } })).toBe(0);

    const complained = await sentMessage(`${unique("spam")}@example.com`);
    const body = event("email.complained", complained.providerId!, complained.to);
    expect((await post(route.POST, body, signedHeaders(body))).status).toBe(200);
    expect(await db.emailSuppression.findUniqueOrThrow({ where: { address: complained.to } })).toMatchObject({ reason: "COMPLAINT" });
    // sendEmail goes the same way: stored, then withheld after the response.
    const id = await sendEmail(complained.to, emailTemplates.passwordChanged("Ada"), { category: "ANNOUNCEMENT" });
    await vi.waitFor(async () => expect((await db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SUPPRESSED"));
  });

  it("answers 400 to a signed body that is not an event", async () => {
    const body = JSON.stringify({ hello: "world" });
    expect((await post(route.POST, body, signedHeaders(body))).status).toBe(400);
  });

  it("does not exist without RESEND_WEBHOOK_SECRET", async () => {
    delete process.env.RESEND_WEBHOOK_SECRET;
    vi.resetModules();
    const unconfigured = await import("@/app/api/webhooks/resend/route");
    const body = event("email.delivered", "re_x", "x@example.com");
    expect((await post(unconfigured.POST, body, signedHeaders(body))).status).toBe(404);
  });
});
