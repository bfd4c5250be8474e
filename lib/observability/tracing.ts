import "server-only";
import { registerOTel } from "@vercel/otel";
import { systemConfig } from "@/system.config";

// OpenTelemetry, as Next documents it: @vercel/otel registers a tracer provider, and Next's own spans (each
// request, render, route handler, fetch) go to the OTLP/HTTP collector at OTEL_EXPORTER_OTLP_ENDPOINT (the
// standard OTEL_* variables, such as OTEL_SERVICE_NAME or OTEL_EXPORTER_OTLP_HEADERS, apply). lib/boot.ts
// imports this file only when that endpoint is set, so without it not one OpenTelemetry module is loaded.
export function startTracing(): void {
  registerOTel({ serviceName: systemConfig.shortName });
}
