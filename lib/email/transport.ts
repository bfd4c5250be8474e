import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { systemConfig } from "@/system.config";

type OutgoingEmail = { to: string; subject: string; html: string; text: string };
export type Transport = { name: "resend" | "outbox"; send(message: OutgoingEmail): Promise<{ providerId: string }> };

/** Resend when RESEND_API_KEY is set; otherwise the outbox: the stored message is the delivery. */
export function selectTransport(): Transport {
  if (!env.RESEND_API_KEY) return { name: "outbox", send: async () => ({ providerId: "outbox" }) };
  const resend = new Resend(env.RESEND_API_KEY);
  const from = env.EMAIL_FROM ?? `${systemConfig.name} <${systemConfig.supportEmail}>`;
  return {
    name: "resend",
    async send(message) {
      const { data, error } = await resend.emails.send({ from, ...message });
      if (error || !data) throw new Error(`Resend refused the message: ${error?.name ?? "unknown"}: ${error?.message ?? ""}`);
      return { providerId: data.id };
    },
  };
}
