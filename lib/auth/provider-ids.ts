// Every sign-in provider the code knows, whether or not this deployment configures it (provider-list.ts):
// importable anywhere, for the API's declarations too.
export const providerIds = ["github", "google", "oidc"] as const;
export type ProviderId = (typeof providerIds)[number];
