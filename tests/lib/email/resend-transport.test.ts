import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resendTransport } from "@/lib/email/transport";

// The Resend transport against a local stand-in for its API: what goes over the wire, and what a refusal does.

type Seen = { headers: IncomingHttpHeaders; body: Record<string, unknown> };
const seen: Seen[] = [];
let answer = { status: 200, body: { id: "re_local_1" } as object };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      seen.push({ headers: request.headers, body: JSON.parse(raw) as Record<string, unknown> });
      response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = { id: "cmsg123", to: "ada@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" };

describe("the Resend transport", () => {
  it("sends the stored message's id as the Idempotency-Key, with the sender, HTML and text", async () => {
    const transport = resendTransport("re_test_key", "Acme <no-reply@acme.example>", baseUrl);
    expect(await transport.send(message)).toEqual({ providerId: "re_local_1" });
    const request = seen.at(-1)!;
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
    const transport = resendTransport("re_test_key", "a@acme.example", baseUrl);
    const headers = {
      "List-Unsubscribe": "<https://app.example/api/email/unsubscribe?token=t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Injected": "a\r\nBcc: victim@example.com",
      "X-Not-Text": 3,
    };
    await transport.send({ ...message, headers });
    expect(seen.at(-1)!.body.headers).toEqual({
      "List-Unsubscribe": "<https://app.example/api/email/unsubscribe?token=t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("throws on a refusal, so the outbox keeps the message for a retry", async () => {
    answer = { status: 500, body: { name: "internal_server_error", message: "try later", statusCode: 500 } };
    await expect(resendTransport("re_test_key", "a@acme.example", baseUrl).send(message)).rejects.toThrow(/Resend refused the message/);
  });
});
