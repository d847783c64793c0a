/** Prometheus metrics of the gateway at `GET /metrics`: one plugin (`useMetrics`) with its registry and route. */
export { useMetrics, type GatewayMetrics, type MetricsOptions } from './useMetrics';
export type { BreakerState, FetchOutcome } from './gatewayMetricSet';
