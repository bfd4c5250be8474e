import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for Resend's API (POST /emails), for the transport's tests and the outage test. Like Resend,
// it keeps each Idempotency-Key's first answer: the same key again gets the same id and sends nothing. Its mode
// plays an outage: "error" answers 500 before sending; "hang" accepts (and so sends) the message, then never
// answers, which the caller sees as a timeout; "limited" answers 429 with Retry-After, as Resend does past its
// rate limit, before sending; "ok" answers at once.

type Mode = "ok" | "error" | "hang" | "limited";
type Seen = { headers: IncomingHttpHeaders; body: Record<string, unknown> };

export type ResendStandIn = {
  baseUrl: string;
  /** Every request, in order. */
  seen: Seen[];
  /** Messages actually sent, by idempotency key: a key sent twice would be a doubled email. */
  sends: Map<string, number>;
  /** The id each key was first answered with. */
  ids: Map<string, string>;
  mode: Mode;
  /** Overrides the answer of an "ok" request (a refusal), without sending. */
  answer?: { status: number; body: object };
  close(): Promise<void>;
};

export async function startResendStandIn(): Promise<ResendStandIn> {
  const hanging = new Set<import("node:http").ServerResponse>();
  let next = 0;
  const state: ResendStandIn = {
    baseUrl: "",
    seen: [],
    sends: new Map(),
    ids: new Map(),
    mode: "ok",
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      state.seen.push({ headers: request.headers, body: JSON.parse(raw) as Record<string, unknown> });
      const reply = (status: number, body: object) =>
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (state.mode === "error") return reply(500, { name: "internal_server_error", message: "try later", statusCode: 500 });
      if (state.mode === "limited") {
        response.setHeader("retry-after", "1");
        return reply(429, { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 });
      }
      if (state.answer) return reply(state.answer.status, state.answer.body);
      const key = String(request.headers["idempotency-key"] ?? `none-${next}`);
      if (!state.ids.has(key)) {
        state.ids.set(key, `re_local_${++next}`);
        state.sends.set(key, (state.sends.get(key) ?? 0) + 1);
      }
      if (state.mode === "hang") return void hanging.add(response);
      reply(200, { id: state.ids.get(key) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
