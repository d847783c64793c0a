import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ERROR_CODES } from '../../schema/contracts/errorCodes';
import { LATENCY_BUCKETS } from '../../schema/contracts/metrics';

import type { BreakerState, FetchOutcome } from '../execute';

export type { BreakerState, FetchOutcome };
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

/** The gateway's own metrics, on its registry. Every label value is bounded: operation names capped, codes registered, coordinates and departments from the schema. */
export function createGatewayMetricSet(registry: Registry, breakerStates: () => Readonly<Record<string, BreakerState>>) {
  const registers = [registry];
  const metrics = {
    requests: new Counter({
      name: 'govgraph_gateway_requests_total',
      help: 'GraphQL requests, by operation and outcome (ok, errors, rejected); refused before an operation was resolved: operation "(unresolved)".',
      labelNames: ['operation', 'outcome'],
      registers,
    }),
    duration: new Histogram({
      name: 'govgraph_gateway_request_duration_seconds',
      help: 'Time from a GraphQL request reaching the pipeline to its response, by operation.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'govgraph_gateway_errors_total',
      help: 'Responses carrying an error with this code (counted once per response), refusals before the pipeline included.',
      labelNames: ['code'],
      registers,
    }),
    denials: new Counter({
      name: 'govgraph_gateway_policy_denials_total',
      help: 'Requests in which the policies withheld this field (Type.field) from the reader.',
      labelNames: ['coordinate'],
      registers,
    }),
    persistedQueries: new Counter({
      name: 'govgraph_gateway_persisted_queries_total',
      help: 'Automatic persisted queries, by result (hit, miss, register).',
      labelNames: ['result'],
      registers,
    }),
    responseCache: new Counter({
      name: 'govgraph_gateway_response_cache_total',
      help: 'Queries the response cache was asked for (every field cacheable), by result (hit, miss).',
      labelNames: ['result'],
      registers,
    }),
    fetches: new Counter({
      name: 'govgraph_gateway_department_fetches_total',
      help: 'Fetches to a department, by outcome (ok, timeout, unavailable, busy, refused, circuit-open).',
      labelNames: ['department', 'outcome'],
      registers,
    }),
    fetchDuration: new Histogram({
      name: 'govgraph_gateway_department_fetch_duration_seconds',
      help: 'Time a department took to answer one fetch (sent fetches only).',
      labelNames: ['department'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
  new Gauge({
    name: 'govgraph_gateway_breaker_state',
    help: "Each department's circuit breaker: 1 on its current state (closed, open, half-open), 0 on the others.",
    labelNames: ['department', 'state'],
    registers,
    collect() {
      this.reset();
      for (const [department, current] of Object.entries(breakerStates())) {
        for (const state of BREAKER_STATES) this.set({ department, state }, state === current ? 1 : 0);
      }
    },
  });
  // Present from the start, so that a rate over them is defined before the first one happens.
  for (const code of Object.keys(ERROR_CODES)) metrics.errors.inc({ code }, 0);
  for (const result of ['hit', 'miss', 'register']) metrics.persistedQueries.inc({ result }, 0);
  for (const result of ['hit', 'miss']) metrics.responseCache.inc({ result }, 0);
  return metrics;
}

export type GatewayMetricSet = ReturnType<typeof createGatewayMetricSet>;
