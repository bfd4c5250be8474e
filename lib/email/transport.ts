import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { systemConfig } from "@/system.config";

/** `id` is the stored message's: sent as the provider's idempotency key, so a retry after a timeout (the provider
 * may have sent it) never delivers twice. */
type OutgoingEmail = { id: string; to: string; subject: string; html: string; text: string; headers?: unknown };
export type Transport = { name: "resend" | "outbox"; send(message: OutgoingEmail): Promise<{ providerId: string }> };

/** Resend when RESEND_API_KEY is set; otherwise the outbox: the stored message is the delivery. Its provider id is
 * the message's own, so a delivery event (the webhook matches by provider id) can never name more than one. */
export function selectTransport(): Transport {
  if (!env.RESEND_API_KEY) return { name: "outbox", send: async ({ id }) => ({ providerId: `outbox/${id}` }) };
  return resendTransport(env.RESEND_API_KEY, env.EMAIL_FROM ?? `${systemConfig.name} <${systemConfig.supportEmail}>`);
}

type ResendOptions = {
  /** Points the client elsewhere (as RESEND_BASE_URL, which it reads, does): the tests' stand-in. */
  baseUrl?: string;
  /** An answer that takes longer is a failure, retried later under the same idempotency key. */
  timeoutMs?: number;
};

/** Resend's API. Without a timeout a provider that stops answering would hold a delivery (and the drain) forever. */
export function resendTransport(apiKey: string, from: string, { baseUrl, timeoutMs = 15_000 }: ResendOptions = {}): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send({ id, to, subject, html, text, headers }) {
      const { data, error } = await resend.emails.send(
        { from, to, subject, html, text, ...(headers ? { headers: stringHeaders(headers) } : {}) },
        { idempotencyKey: `email/${id}`, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error || !data) throw new Error(`Resend refused the message: ${error?.name ?? "unknown"}: ${error?.message ?? ""}`);
      return { providerId: data.id };
    },
  };
}

/** The stored extra headers (List-Unsubscribe…), only string values, without line breaks (no header injection). */
function stringHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== "object" || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && !/[\r\n]/.test(entry[0] + entry[1]),
    ),
  );
}
