import { z } from 'zod';
import { envBoolean, envNumber, envValue, positiveInt, type Env } from './envReaders';

/** Prometheus metrics at `/metrics` (on by default) and OpenTelemetry traces (off by default). */
export const observabilityConfig = z.object({
  metrics: z.boolean().default(true),
  /**
   * The bearer token a scraper must send to `/metrics` (at least 16 characters, checked at
   * start-up); none: `/metrics` answers whoever reaches the port, so scrape it from inside the network.
   */
  metricsToken: z.string().min(1).optional(),
  /** Distinct operation names the metrics keep as labels; later ones count as `(other)`. */
  metricsOperationNames: positiveInt.default(100),
  tracing: z.boolean().default(false),
  /** Where traces are sent (OTLP over HTTP, the collector's base URL); only with `tracing`; defaults to http://localhost:4318. */
  otlpEndpoint: z.string().url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type ObservabilityConfig = z.infer<typeof observabilityConfig>;

export const OBSERVABILITY_ENV = {
  metrics: 'GOVGRAPH_METRICS',
  metricsToken: 'GOVGRAPH_METRICS_TOKEN',
  metricsOperationNames: 'GOVGRAPH_METRICS_OPERATION_NAMES',
  tracing: 'GOVGRAPH_TRACING',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  logLevel: 'GOVGRAPH_LOG_LEVEL',
} as const;

export function observabilityFromEnv(env: Env): unknown {
  return {
    metrics: envBoolean(env, OBSERVABILITY_ENV.metrics),
    metricsToken: envValue(env, OBSERVABILITY_ENV.metricsToken),
    metricsOperationNames: envNumber(env, OBSERVABILITY_ENV.metricsOperationNames),
    tracing: envBoolean(env, OBSERVABILITY_ENV.tracing),
    otlpEndpoint: envValue(env, OBSERVABILITY_ENV.otlpEndpoint),
    logLevel: envValue(env, OBSERVABILITY_ENV.logLevel),
  };
}
