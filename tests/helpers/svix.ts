import { createHmac, randomBytes } from "node:crypto";

// Signs a webhook delivery the way Resend (Svix, Standard Webhooks) does, written out here rather than taken from
// the verifier under test: base64 HMAC-SHA256 of "id.timestamp.body" under the secret's base64 key.

export const webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;

export function signedHeaders(body: string, options: { id?: string; secret?: string; timestamp?: number } = {}): Record<string, string> {
  const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? webhookSecret).replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}`, "content-type": "application/json" };
}
