/** Prometheus metrics: a department's (`useDepartmentMetrics`), and the pieces the gateway's metrics share. */
export { LATENCY_BUCKETS } from './latencyBuckets';
export { metricsRoute, MIN_METRICS_TOKEN_LENGTH } from './metricsRoute';
export { ANONYMOUS_OPERATION, isShowableOperationName, operationLabel, OTHER_OPERATION, UNRESOLVED_OPERATION } from './operationLabel';
export { metricsText, processMetrics } from './processMetrics';
export { responseOutcomeOf, type ResponseOutcome } from './responseOutcomeOf';
export { useDepartmentMetrics, type DepartmentMetrics, type DepartmentMetricsOptions } from './useDepartmentMetrics';
