import "server-only";

// A Sentry-style DSN, `https://<public key>@<host>[/<path>]/<project id>`: what Sentry, GlitchTip, Bugsink and
// other compatible services hand out. Events go to the project's envelope endpoint with the key in X-Sentry-Auth.

export type Dsn = { envelopeUrl: string; publicKey: string; dsn: string };

export function parseDsn(value: string): Dsn | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  const segments = url.pathname.split("/").filter(Boolean);
  const projectId = segments.pop();
  if (!["https:", "http:"].includes(url.protocol) || !url.username || !projectId || !/^[\w-]+$/.test(projectId)) return null;
  const prefix = segments.length ? `/${segments.join("/")}` : "";
  return {
    envelopeUrl: `${url.protocol}//${url.host}${prefix}/api/${projectId}/envelope/`,
    publicKey: decodeURIComponent(url.username),
    // Old DSNs carry a secret key as the password: it has no business in every event's envelope header.
    dsn: `${url.protocol}//${url.username}@${url.host}${url.pathname}`,
  };
}
