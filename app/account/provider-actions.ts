"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { unlinkProvider } from "@/lib/accounts/provider-links";
import { requireRecentReauthentication } from "@/lib/accounts/reauthentication";
import { signIn } from "@/lib/auth";
import { requireUser } from "@/lib/auth/current-user";
import { rememberProviderIntent } from "@/lib/auth/provider-intent";
import { providerIds } from "@/lib/auth/provider-ids";
import { configuredProvider } from "@/lib/auth/provider-list";
import { actionWithUser } from "@/lib/http/action";
import { safeNextPath } from "@/lib/http/safe-next-path";

// Connecting a provider and confirming it's you through one both leave for the provider and come back through
// Auth.js's callback (lib/auth/provider-callback.ts), which finds out which of the two it was from the intent.

const providerInput = z.object({ provider: z.enum(providerIds), returnTo: z.string().max(2048).optional() });

function parseProvider(form: FormData) {
  const parsed = providerInput.safeParse({ provider: form.get("provider"), returnTo: form.get("returnTo") ?? undefined });
  const provider = parsed.success ? configuredProvider(parsed.data.provider) : null;
  return provider ? { provider, returnTo: safeNextPath(parsed.data?.returnTo) } : null;
}

/** Connect: only with a recent "confirm it's you" (checked again when the browser comes back). */
export async function connectProviderAction(form: FormData): Promise<void> {
  const user = await requireUser();
  const input = parseProvider(form);
  if (!input) redirect("/account?provider_error=provider_failed#sign-in-methods-heading");
  if (await requireRecentReauthentication(user.sessionId)) {
    redirect(`/account?provider_error=reauthentication_required&provider=${input.provider.id}#sign-in-methods-heading`);
  }
  await rememberProviderIntent({ kind: "link", provider: input.provider.id, sessionId: user.sessionId, returnTo: "/account" });
  await signIn(input.provider.id, { redirectTo: "/account" });
}

/** Confirm it's you by signing in again at a linked provider (people without a password need it). */
export async function confirmWithProviderAction(form: FormData): Promise<void> {
  const user = await requireUser({ duringEnrolment: true });
  const input = parseProvider(form);
  if (!input) redirect("/account?provider_error=provider_failed");
  await rememberProviderIntent({ kind: "confirm", provider: input.provider.id, sessionId: user.sessionId, returnTo: input.returnTo });
  await signIn(input.provider.id, { redirectTo: input.returnTo });
}

export const removeProviderAction = actionWithUser(z.object({ provider: z.enum(providerIds) }), async ({ provider }, { user, context }) => {
  const result = await unlinkProvider(user.id, provider, context);
  revalidatePath("/account");
  return result;
});
