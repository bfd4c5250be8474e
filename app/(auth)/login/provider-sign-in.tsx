import { FormAlert } from "@/components/forms/form-alert";
import { providerRefusalFromUrl } from "@/lib/accounts/provider-refusals";
import { configuredProvider, configuredProviders } from "@/lib/auth/provider-list";
import { providerSignInAction } from "./provider-actions";

// Sign-in through GitHub, Google or an OIDC issuer: one button per provider the environment configures, none
// when there is none. Plain forms, so they work before the page's JavaScript has loaded.

/** Why the last provider sign-in was refused, from the code the callback put in the URL. */
export function ProviderRefusal({ error, provider }: { error?: string; provider?: string }) {
  if (!error || configuredProviders().length === 0) return null;
  const label = configuredProvider(provider)?.label ?? "the provider";
  return <FormAlert message={providerRefusalFromUrl(error, label).message} />;
}

export function ProviderButtons({ next }: { next?: string }) {
  const providers = configuredProviders();
  if (providers.length === 0) return null;
  return (
    <section aria-label="Sign in with another service" className="mt-4">
      <p className="text-center text-body-secondary small mb-2">or</p>
      <div className="d-grid gap-2">
        {providers.map((provider) => (
          <form key={provider.id} action={providerSignInAction}>
            <input type="hidden" name="provider" value={provider.id} />
            {next && <input type="hidden" name="next" value={next} />}
            <button type="submit" className="btn btn-outline-secondary w-100">
              Continue with {provider.label}
            </button>
          </form>
        ))}
      </div>
    </section>
  );
}
