/** Prometheus metrics the gateway and the departments share: latency buckets, the /metrics route, operation labels, process metrics, response outcomes. */
export { LATENCY_BUCKETS } from './latencyBuckets';
export { metricsRoute, MIN_METRICS_TOKEN_LENGTH } from './metricsRoute';
export { ANONYMOUS_OPERATION, isShowableOperationName, operationLabel, OTHER_OPERATION, UNRESOLVED_OPERATION } from './operationLabel';
export { metricsText, processMetrics } from './processMetrics';
export { responseOutcomeOf, type ResponseOutcome } from './responseOutcomeOf';
