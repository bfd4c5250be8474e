import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/env";
import { usesSecureCookies } from "./cookie-name";
import { providerIds, type ProviderId } from "./provider-ids";

// Coming back from a provider looks the same whether the person meant to sign in, to connect that provider to
// the account they are signed in to, or to confirm it's them. The /account buttons say which with this
// short-lived cookie, bound to the session that set it: it counts only if that session is still this browser's.

const secure = usesSecureCookies(env.APP_URL);
const cookieName = secure ? "__Host-provider-intent" : "provider-intent";
const MAX_AGE_SECONDS = 10 * 60;

const intentKinds = ["link", "confirm"] as const;
/** `returnTo`: the page to come back to (a path here, checked with safeNextPath before use). */
export type ProviderIntent = { kind: (typeof intentKinds)[number]; provider: ProviderId; sessionId: string; returnTo: string };

const intentSchema = z.object({
  kind: z.enum(intentKinds),
  provider: z.enum(providerIds),
  sessionId: z.string().min(1).max(64),
  returnTo: z.string().max(2048),
});

/** Set by the /account action just before it sends the browser to the provider. */
export async function rememberProviderIntent(intent: ProviderIntent): Promise<void> {
  (await cookies()).set(cookieName, JSON.stringify(intent), {
    httpOnly: true,
    secure,
    // Lax: the provider's redirect back is a top-level navigation, which carries it.
    sameSite: "lax",
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}

/** Read once: the provider's callback takes it, so a later plain sign-in is never mistaken for a link. */
export async function takeProviderIntent(): Promise<ProviderIntent | null> {
  const jar = await cookies();
  const raw = jar.get(cookieName)?.value;
  if (!raw) return null;
  jar.delete(cookieName);
  try {
    return intentSchema.safeParse(JSON.parse(raw)).data ?? null;
  } catch {
    return null;
  }
}
