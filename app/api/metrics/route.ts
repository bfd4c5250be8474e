import { route } from "@/lib/http/route";
import { serveMetrics } from "@/lib/observability/endpoint";

export const dynamic = "force-dynamic";

// Prometheus scrapes this (lib/observability/endpoint.ts): a 404 unless METRICS_TOKEN or METRICS_ALLOW is set.
export const GET = route(serveMetrics);
