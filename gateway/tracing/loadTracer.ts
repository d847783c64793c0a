import type * as OtelApi from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface TracerSettings {
  serviceName: string;
  /** The OTLP collector's base URL (`/v1/traces` is appended, as `OTEL_EXPORTER_OTLP_ENDPOINT` means); defaults to the exporter's own (http://localhost:4318). */
  endpoint?: string;
  /** Spans go here instead of to a collector (a test's in-memory exporter). */
  exporter?: SpanExporter;
}

export interface LoadedTracer {
  api: typeof OtelApi;
  tracer: OtelApi.Tracer;
  /** Sends the spans still batched, then stops. */
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry SDK, required only when tracing is on: a gateway without tracing never
 * loads it. The provider is this gateway's own, not registered globally, so that several
 * gateways in one process trace apart.
 */
export function loadTracer({ serviceName, endpoint, exporter }: TracerSettings): LoadedTracer {
  const api = require('@opentelemetry/api') as typeof OtelApi;
  const sdk = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const spanExporter = exporter ?? otlpExporter(endpoint);
  const provider = new sdk.BasicTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
    spanProcessors: [new sdk.BatchSpanProcessor(spanExporter)],
  });
  return { api, tracer: provider.getTracer('govgraph'), shutdown: () => provider.shutdown() };
}

function otlpExporter(endpoint: string | undefined): SpanExporter {
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter(endpoint ? { url: `${endpoint.replace(/\/+$/, '')}/v1/traces` } : {});
}
