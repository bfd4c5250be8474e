// server.mjs's half of /api/metrics: each request's duration, labelled with the route pattern that served it
// (`/admin/users/[id]`, never the raw path, so the number of series stays bounded whatever paths clients send).
// The patterns are Next's own, from the build's routes manifest. Loaded only when metrics are configured.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Path → route pattern, from a routes manifest: static routes first, then dynamic ones in Next's order. */
export function routePatterns(manifest) {
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({
    page: route.page,
    // eslint-disable-next-line security/detect-non-literal-regexp -- Next's own patterns, from the build
    regex: new RegExp(route.regex),
  }));
  return (path) => {
    if (path.startsWith("/_next/")) return path.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    return routes.find((route) => route.regex.test(path))?.page ?? "(unmatched)";
  };
}

/** Reads `.next/routes-manifest.json` under the app's folder (the standalone output has it too). */
export function routePatternsOfBuild(dir) {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the server's own folder, not a request's
  return routePatterns(JSON.parse(readFileSync(join(dir, ".next", "routes-manifest.json"), "utf8")));
}

/**
 * Starts timing a request; the recorder hears of it when the response is done (or the client went away). The
 * recorder is looked up then: Next registers the app's instrumentation (which installs it) on its own schedule.
 */
export function requestTimer(recorder, routeOf) {
  return (request, response) => {
    const started = process.hrtime.bigint();
    response.once("close", () => {
      const path = (request.url ?? "/").split("?", 1)[0];
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      recorder()?.observeRequest(request.method ?? "GET", routeOf(path), response.statusCode, seconds);
    });
  };
}
