import { problem } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

// Unknown API paths answer problem+json, not the HTML 404 page.
const notFound = route((request) =>
  problem(404, {
    detail: `No API endpoint at ${new URL(request.url).pathname}`,
    requestId: request.headers.get("x-request-id") ?? undefined,
  }),
);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
