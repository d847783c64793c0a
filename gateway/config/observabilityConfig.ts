import { z } from 'zod';
import { envBoolean, envValue, type Env } from './envReaders';

/** Prometheus metrics at `/metrics` (on by default) and OpenTelemetry traces (off by default). */
export const observabilityConfig = z.object({
  metrics: z.boolean().default(true),
  tracing: z.boolean().default(false),
  /** Where traces are sent (OTLP over HTTP); only with `tracing`. */
  otlpEndpoint: z.string().url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type ObservabilityConfig = z.infer<typeof observabilityConfig>;

export const OBSERVABILITY_ENV = {
  metrics: 'GOVGRAPH_METRICS',
  tracing: 'GOVGRAPH_TRACING',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  logLevel: 'GOVGRAPH_LOG_LEVEL',
} as const;

export function observabilityFromEnv(env: Env): unknown {
  return {
    metrics: envBoolean(env, OBSERVABILITY_ENV.metrics),
    tracing: envBoolean(env, OBSERVABILITY_ENV.tracing),
    otlpEndpoint: envValue(env, OBSERVABILITY_ENV.otlpEndpoint),
    logLevel: envValue(env, OBSERVABILITY_ENV.logLevel),
  };
}
