import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { systemConfig } from "@/system.config";

/** `id` is the stored message's: sent as the provider's idempotency key, so a retry after a timeout (the provider
 * may have sent it) never delivers twice. */
type OutgoingEmail = { id: string; to: string; subject: string; html: string; text: string; headers?: unknown };
export type Transport = { name: "resend" | "outbox"; send(message: OutgoingEmail): Promise<{ providerId: string }> };

/** Resend when RESEND_API_KEY is set; otherwise the outbox: the stored message is the delivery. */
export function selectTransport(): Transport {
  if (!env.RESEND_API_KEY) return { name: "outbox", send: async () => ({ providerId: "outbox" }) };
  return resendTransport(env.RESEND_API_KEY, env.EMAIL_FROM ?? `${systemConfig.name} <${systemConfig.supportEmail}>`);
}

/** Resend's API; `baseUrl` (or RESEND_BASE_URL, which its client reads) points it elsewhere: the tests' stand-in. */
export function resendTransport(apiKey: string, from: string, baseUrl?: string): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send({ id, to, subject, html, text, headers }) {
      const { data, error } = await resend.emails.send(
        { from, to, subject, html, text, ...(headers ? { headers: stringHeaders(headers) } : {}) },
        { idempotencyKey: `email/${id}` },
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
