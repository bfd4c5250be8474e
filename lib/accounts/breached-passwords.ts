import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Optional (PASSWORD_BREACH_CHECK=true): is the password in a known breach? k-anonymity: only the first five
// hex digits of its SHA-1 leave the server, and the answer lists every suffix sharing them. Someone else's
// outage must not stop people choosing passwords, so an unreachable or slow service passes the password
// (fails open) and says so in the log.

const TIMEOUT_MS = 2_000;

export async function isBreachedPassword(password: string): Promise<boolean> {
  if (!env.PASSWORD_BREACH_CHECK) return false;
  const sha1 = createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
  const [prefix, suffix] = [sha1.slice(0, 5), sha1.slice(5)];
  try {
    const response = await fetch(`${env.PASSWORD_BREACH_CHECK_URL}${prefix}`, {
      // Padding hides the real answer's size from anyone watching the wire; padded entries count 0.
      headers: { "Add-Padding": "true" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: "no-store",
    });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    return (await response.text()).split("\n").some((line) => {
      const [hash, count] = line.trim().split(":");
      return hash === suffix && Number(count) > 0;
    });
  } catch (error) {
    log.warn({ err: error }, "password breach check unavailable: password accepted without it");
    return false;
  }
}
