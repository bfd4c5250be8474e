import { problem } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

// The yardstick for `npm run bench`: a route handler with nothing of the app's around it (no proxy, no route()
// wrapper, no logging), answering what /api/health/live answers. The benchmark compares the two in one build to
// measure what the shell costs. It answers only where BENCH_BARE_ROUTE=1 (the benchmark's server); everywhere
// else it is a 404 like any unknown path, and even when on it reveals nothing liveness does not.
const enabled = process.env.BENCH_BARE_ROUTE === "1";

export function GET(): Response {
  return enabled ? Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }) : problem(404);
}
