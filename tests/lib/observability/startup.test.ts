import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { trace, type ProxyTracerProvider } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemConfig } from "@/system.config";
import { useTestDatabase } from "../../helpers/database";

// Observability is off by default, and off it costs nothing: start-up, a scrape, an audited event, a failing
// render and a failing route handler load neither prom-client, nor OpenTelemetry, nor the error tracker. (A
// mock's factory runs at its module's first import: each flag says whether that module was ever loaded, so the
// unconfigured test comes first.) Configured, start-up (lib/boot.ts) starts the metrics recorder and tracing, whose
// spans reach the OTLP collector (a stand-in here) as Next's own request spans will.

const loaded = vi.hoisted(() => ({ promClient: false, otel: false, errorTracking: false }));
vi.mock("prom-client", async (importOriginal) => {
  loaded.promClient = true;
  return importOriginal();
});
vi.mock("@vercel/otel", async (importOriginal) => {
  loaded.otel = true;
  return importOriginal();
});
vi.mock("@/lib/observability/error-tracking", async (importOriginal) => {
  loaded.errorTracking = true;
  return importOriginal();
});
// The rest of start-up is not under test here.
vi.mock("@/lib/shutdown", () => ({ installShutdownHandlers: () => {} }));
vi.mock("@/lib/email/retry-loop", () => ({ startEmailRetryLoop: () => {} }));

const exports: { path: string; body: Buffer }[] = [];
const collector = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    exports.push({ path: request.url ?? "", body: Buffer.concat(chunks) });
    response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});
let endpoint = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

async function bootWith(variables: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  await (await import("@/lib/boot")).boot();
}

describe("observability at start-up", () => {
  useTestDatabase();

  it("loads none of its modules and counts nothing while unconfigured", async () => {
    for (const name of ["METRICS_TOKEN", "METRICS_ALLOW", "OTEL_EXPORTER_OTLP_ENDPOINT", "ERROR_TRACKING_DSN"]) delete process.env[name];
    process.env.NEXT_RUNTIME = "nodejs";
    const instrumentation = await import("@/instrumentation");
    await instrumentation.register();

    const { GET } = await import("@/app/api/metrics/route");
    const scrape = await GET(
      new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer anything" } }),
      undefined as never,
    );
    expect(scrape.status).toBe(404);
    const { audit } = await import("@/lib/audit");
    await audit({ action: "user.login_failed", details: { reason: "invalid_input" } });
    await instrumentation.onRequestError(
      new Error("render broke"),
      { path: "/", method: "GET", headers: {} },
      { routePath: "/", routeType: "render" },
    );
    const { route } = await import("@/lib/http/route");
    const failing = route(async () => {
      throw new Error("handler broke");
    });
    expect((await failing(new Request("http://localhost/api/x"), undefined)).status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 50)); // anything started after the response

    expect(loaded).toEqual({ promClient: false, otel: false, errorTracking: false });
    expect((await import("@/lib/observability/metrics")).metricsRecorder()).toBeUndefined();
  });

  it("starts the metrics recorder and exports traces to the OTLP endpoint once configured", async () => {
    await bootWith({ METRICS_TOKEN: "metrics-token-for-tests-0123456789abcdef", OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    expect(loaded).toMatchObject({ promClient: true, otel: true });
    expect((await import("@/lib/observability/metrics")).metricsRecorder()).toBeDefined();

    trace.getTracer("boot-test").startSpan("observability-test-span").end();
    const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as unknown as { forceFlush(): Promise<void> };
    await provider.forceFlush();
    expect(exports.map((e) => e.path)).toContain("/v1/traces");
    const body = Buffer.concat(exports.map((e) => e.body)).toString("latin1");
    expect(body).toContain("observability-test-span");
    expect(body).toContain(systemConfig.shortName);
  });
});
