/** Request latency buckets, in seconds: from a refusal (a millisecond) to a department's timeout and beyond. */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
