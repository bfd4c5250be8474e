/** A same-site request to /api/v1 as the router receives it, with a bearer token, a JSON body and a client address if given. */
export function apiRequest(method: string, path: string, options: { bearer?: string; body?: unknown; ip?: string } = {}): Request {
  const headers: Record<string, string> = { host: "localhost", origin: "http://localhost", "sec-fetch-site": "same-origin" };
  if (options.ip) headers["x-forwarded-for"] = options.ip;
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The catch-all route's parameters for `path`. */
export const apiRoute = (path: string) => ({ params: Promise.resolve({ path: path.split("/").filter(Boolean) }) });
