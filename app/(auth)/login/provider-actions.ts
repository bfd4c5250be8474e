"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { TWO_FACTOR_CHALLENGE_PATH } from "@/lib/auth/current-user";
import { providerIds } from "@/lib/auth/provider-ids";
import { configuredProvider } from "@/lib/auth/provider-list";
import { safeNextPath } from "@/lib/http/safe-next-path";

const providerSignInInput = z.object({ provider: z.enum(providerIds), next: z.string().max(2048).optional() });

/**
 * "Continue with GitHub" and the like: Auth.js sends the browser to the provider and, back here, to the
 * two-factor page, which lets a finished sign-in through to `next` and asks the code of anyone who owes one.
 */
export async function providerSignInAction(form: FormData): Promise<void> {
  const parsed = providerSignInInput.safeParse({ provider: form.get("provider"), next: form.get("next") ?? undefined });
  const provider = parsed.success ? configuredProvider(parsed.data.provider) : null;
  if (!parsed.success || !provider) redirect("/login?error=provider_failed");
  const next = safeNextPath(parsed.data.next);
  await signIn(provider.id, { redirectTo: `${TWO_FACTOR_CHALLENGE_PATH}?next=${encodeURIComponent(next)}` });
}
