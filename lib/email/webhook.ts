import "server-only";
import { Resend } from "resend";
import { runAfterResponse } from "@/lib/after-response";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { applyDeliveryEvent, deliveryEventSchema, pruneWebhookReceipts } from "./delivery-events";

// Resend's webhook (POST /api/webhooks/resend). Resend signs each delivery the Svix way (Standard Webhooks):
// svix-id, svix-timestamp and an HMAC-SHA256 of "id.timestamp.body" under the endpoint's secret. Its SDK's
// verifier checks the signature in constant time and refuses a timestamp more than five minutes off, so a
// captured delivery cannot be replayed later; within those minutes the stored svix-id refuses it
// (applyDeliveryEvent), answered 200 so the provider stops retrying what was already applied.

// The verifier is pure: it never calls the API, so it needs no real key.
const verifier = new Resend("re_webhook_verification_only").webhooks;

export async function receiveResendWebhook(payload: string, headers: Headers, secret: string): Promise<Outcome<{ duplicate: boolean }>> {
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature || id.length > 200)
    return refuse(401, "Send the svix-id, svix-timestamp and svix-signature headers.", { code: "invalid_signature" });
  let verified: unknown;
  try {
    verified = verifier.verify({ payload, headers: { id, timestamp, signature }, webhookSecret: secret });
  } catch {
    return refuse(401, "The signature does not match, or the timestamp is too old.", { code: "invalid_signature" });
  }
  const event = deliveryEventSchema.safeParse(verified);
  if (!event.success) return refuse(400, "The event does not have the shape of a Resend event.", { code: "bad_request" });
  const result = await applyDeliveryEvent(id, event.data);
  runAfterResponse("webhook receipt pruning", pruneWebhookReceipts);
  return done({ duplicate: result === "duplicate" });
}
