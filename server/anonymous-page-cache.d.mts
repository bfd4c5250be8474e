import type { IncomingMessage, ServerResponse } from "node:http";

export function anonymousPageCache(options: { paths: string[]; seconds: number; now?: () => number }): {
  serve(request: IncomingMessage, response: ServerResponse): boolean;
};
