import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema";

// A typed client of /api/v1, its types generated from the OpenAPI document (npm run api:types writes schema.d.ts;
// CI fails when it is stale). Browser-safe: no server imports. In the browser it calls this site with the
// session cookie; elsewhere pass an absolute baseUrl and a bearer token in `headers`.

export function apiClient(options: ClientOptions = {}) {
  return createClient<paths>({ baseUrl: "/api/v1", ...options });
}
