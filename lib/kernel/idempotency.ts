import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { systemConfig } from "@/system.config";

// Idempotency-Key on POST creates: a client that lost the answer sends the request again with the same key and
// gets the first answer back (Idempotency-Replayed: true) instead of a second record. The first request claims
// the key with one atomic insert, so of two concurrent duplicates exactly one runs; the other is told 409.
// Keys are scoped to the person (not the token: a program that refreshes its JWT between tries is still the
// same caller) and the operation; the body's hash makes the same key with another body a 422.

/** Headers of the first answer worth giving a retry; the rest (rate limits, CORS) describe the retry itself. */
const KEPT_HEADERS = ["content-type", "etag", "location", "link"];
/** A claim whose request never finished (the process died) stops blocking its key after this long. */
const STALE_CLAIM_SECONDS = 5 * 60;

export type IdempotencyClaim =
  | { kind: "claimed"; finish(response: Response): Promise<Response>; release(): Promise<void> }
  | { kind: "replay"; response: Response }
  | { kind: "reused" }
  | { kind: "in_progress" };

/** 1–255 visible ASCII characters (a UUID is the usual choice). */
export const isIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

export async function claimIdempotencyKey(
  scope: { actorId: string; operationId: string; key: string },
  requestBody: string,
): Promise<IdempotencyClaim> {
  const id = sha256(JSON.stringify([scope.actorId, scope.operationId, scope.key]));
  const requestHash = sha256(requestBody);
  const hours = systemConfig.api.idempotencyKeyHours;
  // Timestamps are UTC without a zone, as Prisma stores them. An expired or abandoned claim is taken over.
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "IdempotencyKey" ("id", "requestHash", "createdAt", "expiresAt")
    VALUES (${id}, ${requestHash}, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(hours => ${hours}::int))
    ON CONFLICT ("id") DO UPDATE SET
      "requestHash" = EXCLUDED."requestHash", "status" = NULL, "headers" = NULL, "body" = NULL,
      "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
    WHERE "IdempotencyKey"."expiresAt" <= (now() AT TIME ZONE 'UTC')
      OR ("IdempotencyKey"."status" IS NULL
          AND "IdempotencyKey"."createdAt" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${STALE_CLAIM_SECONDS}::int))
    RETURNING "id"`;
  if (claimed.length > 0) {
    if (Math.random() < 0.01) void sweepExpiredKeys();
    return { kind: "claimed", finish: (response) => finish(id, response), release: () => release(id) };
  }

  const first = await db.idempotencyKey.findUnique({ where: { id } });
  if (!first) return { kind: "in_progress" }; // released a moment ago: the client may simply try again
  if (first.requestHash !== requestHash) return { kind: "reused" };
  if (first.status === null) return { kind: "in_progress" };
  const headers = new Headers(first.headers as Record<string, string>);
  headers.set("Cache-Control", "no-store");
  headers.set("Idempotency-Replayed", "true");
  return { kind: "replay", response: new Response(first.body, { status: first.status, headers }) };
}

/**
 * Keeps the first answer for retries; a server error, a permission refusal (a retry after a grant should run) or a
 * download is not kept, and the key is free again.
 */
async function finish(id: string, response: Response): Promise<Response> {
  if (response.status >= 500 || response.status === 403 || response.headers.has("content-disposition")) {
    await release(id);
    return response;
  }
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const body = response.status === 204 ? null : await response.clone().text();
  await db.idempotencyKey.update({ where: { id }, data: { status: response.status, headers, body } });
  return response;
}

async function release(id: string): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { id, status: null } });
}

async function sweepExpiredKeys(): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: new Date() } } }).catch(() => {});
}
