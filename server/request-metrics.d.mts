import type { IncomingMessage, ServerResponse } from "node:http";

type Manifest = { staticRoutes?: { page: string; regex: string }[]; dynamicRoutes?: { page: string; regex: string }[] };
type Recorder = { observeRequest(method: string, route: string, status: number, seconds: number): void };

export function routePatterns(manifest: Manifest): (path: string) => string;
export function routePatternsOfBuild(dir: string): (path: string) => string;
export function requestTimer(
  recorder: () => Recorder | undefined,
  routeOf: (path: string) => string,
): (request: IncomingMessage, response: ServerResponse) => void;
