import { FormAlert } from "@/components/forms/form-alert";
import { providerRefusalFromUrl } from "@/lib/accounts/provider-refusals";
import type { SignInMethods as Methods } from "@/lib/accounts/provider-links";
import { configuredProvider, configuredProviders } from "@/lib/auth/provider-list";
import { ConfirmItsYou, type ReauthenticationMethods } from "./confirm-its-you";
import { connectProviderAction } from "./provider-actions";
import { RemoveProviderButton } from "./remove-provider-button";

/** What came back from the provider (the callback puts it in the URL): a success, or a refusal's code. */
type ProviderResult = { done?: string; error?: string; provider?: string };

type Props = {
  methods: Methods;
  result: ProviderResult;
  recentlyConfirmed: boolean;
  twoFactor: boolean;
  reauthentication: ReauthenticationMethods;
};

const day = (date: Date) => date.toISOString().slice(0, 10);

function ResultAlert({ result }: { result: ProviderResult }) {
  const label = configuredProvider(result.provider)?.label ?? "The provider";
  if (result.error) return <FormAlert message={providerRefusalFromUrl(result.error, label).message} />;
  if (result.done === "link") return <FormAlert variant="success" message={`${label} is connected: you can sign in with it now.`} />;
  if (result.done === "unlink") return <FormAlert variant="success" message={`${label} is removed: it no longer signs you in.`} />;
  if (result.done === "confirm") return <FormAlert variant="success" message="Thanks, that's you." />;
  return null;
}

/** The password and each linked provider, with Connect for configured providers not linked yet and Remove for linked ones. */
export function SignInMethods({ methods, result, recentlyConfirmed, twoFactor, reauthentication }: Props) {
  const linked = new Set(methods.links.map((link) => link.provider));
  const connectable = configuredProviders().filter((provider) => !linked.has(provider.id));
  return (
    <>
      <ResultAlert result={result} />
      <ul className="list-group mb-3">
        <li className="list-group-item" data-testid="sign-in-method">
          <div className="fw-semibold">Password</div>
          <div className="small text-body-secondary">
            {methods.hasPassword ? "Set" : "None yet: set one in the Password section below."}
          </div>
        </li>
        {methods.links.map((link) => {
          const label = configuredProvider(link.provider)?.label ?? link.provider;
          return (
            <li
              key={link.provider}
              className="list-group-item d-flex justify-content-between align-items-start gap-2"
              data-testid="sign-in-method"
            >
              <div>
                <div className="fw-semibold">{label}</div>
                <div className="small text-body-secondary">
                  {link.email ?? "no email address"} · connected {day(link.linkedAt)}
                </div>
              </div>
              <RemoveProviderButton provider={link.provider} label={label} />
            </li>
          );
        })}
      </ul>
      {connectable.length > 0 && (
        <ConfirmItsYou
          recent={recentlyConfirmed}
          twoFactor={twoFactor}
          id="providers"
          label="Connect a sign-in provider…"
          methods={reauthentication}
        >
          <div className="d-flex flex-wrap gap-2">
            {connectable.map((provider) => (
              <form key={provider.id} action={connectProviderAction}>
                <input type="hidden" name="provider" value={provider.id} />
                <button type="submit" className="btn btn-outline-primary">
                  Connect {provider.label}
                </button>
              </form>
            ))}
          </div>
        </ConfirmItsYou>
      )}
    </>
  );
}
