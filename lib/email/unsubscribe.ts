import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/request-context";
import { systemConfig } from "@/system.config";
import { setEmailPreferences } from "./preferences";

// The unsubscribe link in every announcement works without signing in: it carries the account id and an HMAC
// over it and its purpose, keyed from AUTH_SECRET (its own derived key, so no other signature can pass). It does
// not expire: mail clients offer the one-click button (RFC 8058) long after the message arrived. The worst a
// leaked link can do is turn off announcements for that one person, who can turn them on again at /account.

const PURPOSE = "unsubscribe:announcements";
let key: Buffer | undefined;
const keyOf = () => (key ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", `email-token:${PURPOSE}`, 32)));

const mac = (userId: string) => createHmac("sha256", keyOf()).update(`${PURPOSE}\n${userId}`).digest();

export function unsubscribeToken(userId: string): string {
  return `${Buffer.from(userId, "utf8").toString("base64url")}.${mac(userId).toString("base64url")}`;
}

/** The account id the token was made for, or null when it is malformed or not ours. */
export function verifyUnsubscribeToken(token: string): string | null {
  const [encodedId, signature, ...rest] = token.split(".");
  if (!encodedId || !signature || rest.length || token.length > 200) return null;
  const userId = Buffer.from(encodedId, "base64url").toString("utf8");
  const given = Buffer.from(signature, "base64url");
  const expected = mac(userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

const unsubscribeAddress = (path: string, userId: string) =>
  new URL(`${path}?token=${encodeURIComponent(unsubscribeToken(userId))}`, systemConfig.url).toString();

/** The footer link: a confirm page (opening it changes nothing). */
export const unsubscribeUrl = (userId: string) => unsubscribeAddress("/email/unsubscribe", userId);

/** RFC 2369 and RFC 8058: mail clients show their own unsubscribe button, which POSTs to the same address. */
export const unsubscribeHeaders = (userId: string): Record<string, string> => ({
  "List-Unsubscribe": `<${unsubscribeAddress("/api/email/unsubscribe", userId)}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
});

/** Turns announcements off for the token's account; false when the token is not valid or the account is gone. */
export async function unsubscribe(token: string, context?: RequestContext): Promise<boolean> {
  const userId = verifyUnsubscribeToken(token);
  if (!userId) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  await setEmailPreferences(userId, { announcements: false });
  await audit({ action: "email.unsubscribed", actorId: userId, target: { type: "user", id: userId }, context });
  return true;
}
