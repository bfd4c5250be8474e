import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resendTransport } from "@/lib/email/transport";
import { startResendStandIn, type ResendStandIn } from "../../helpers/resend-stand-in";

// The Resend transport against a local stand-in for its API: what goes over the wire, and what a refusal does.

let standIn: ResendStandIn;
beforeAll(async () => {
  standIn = await startResendStandIn();
});
afterAll(() => standIn.close());

const message = { id: "cmsg123", to: "ada@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" };

describe("the Resend transport", () => {
  it("sends the stored message's id as the Idempotency-Key, with the sender, HTML and text", async () => {
    const transport = resendTransport("re_test_key", "Acme <no-reply@acme.example>", { baseUrl: standIn.baseUrl });
    expect(await transport.send(message)).toEqual({ providerId: "re_local_1" });
    const request = standIn.seen.at(-1)!;
    expect(request.headers["idempotency-key"]).toBe("email/cmsg123");
    expect(request.headers.authorization).toBe("Bearer re_test_key");
    expect(request.body).toMatchObject({
      from: "Acme <no-reply@acme.example>",
      to: "ada@example.com",
      subject: "Hello",
      html: "<p>Hi</p>",
      text: "Hi",
    });
  });

  it("passes the message's extra headers (List-Unsubscribe…), dropping any with a line break", async () => {
    const transport = resendTransport("re_test_key", "a@acme.example", { baseUrl: standIn.baseUrl });
    const headers = {
      "List-Unsubscribe": "<https://app.example/api/email/unsubscribe?token=t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Injected": "a\r\nBcc: victim@example.com",
      "X-Not-Text": 3,
    };
    await transport.send({ ...message, headers });
    expect(standIn.seen.at(-1)!.body.headers).toEqual({
      "List-Unsubscribe": "<https://app.example/api/email/unsubscribe?token=t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("throws on a refusal, so the outbox keeps the message for a retry", async () => {
    standIn.answer = { status: 500, body: { name: "internal_server_error", message: "try later", statusCode: 500 } };
    await expect(resendTransport("re_test_key", "a@acme.example", { baseUrl: standIn.baseUrl }).send(message)).rejects.toThrow(
      /Resend refused the message/,
    );
    standIn.answer = undefined;
  });

  it("gives up on an answer that does not come within the timeout", async () => {
    standIn.mode = "hang";
    const started = Date.now();
    await expect(
      resendTransport("re_test_key", "a@acme.example", { baseUrl: standIn.baseUrl, timeoutMs: 200 }).send(message),
    ).rejects.toThrow(/Resend refused the message/);
    expect(Date.now() - started).toBeLessThan(2_000);
    standIn.mode = "ok";
  });
});
