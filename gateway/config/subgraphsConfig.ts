import { z } from 'zod';
import { envNumber, positiveInt, type Env } from './envReaders';

/** How the gateway treats a department that is slow or failing (stage 4). */
export const subgraphsConfig = z.object({
  /** A department that has not answered after this long has failed this request. */
  timeoutMs: positiveInt.default(5000),
  breaker: z
    .object({
      /** Outages in a row (timeout, no connection, HTTP 5xx, busy; not a 4xx, which is an answer) that open a department's breaker. */
      failureThreshold: positiveInt.default(5),
      /** How long an open breaker skips the department before one request probes it again (half-open). */
      cooldownMs: positiveInt.default(10_000),
    })
    .prefault({}),
});

export type SubgraphsConfig = z.infer<typeof subgraphsConfig>;

export const SUBGRAPHS_ENV = {
  timeoutMs: 'GOVGRAPH_SUBGRAPH_TIMEOUT_MS',
  'breaker.failureThreshold': 'GOVGRAPH_BREAKER_FAILURES',
  'breaker.cooldownMs': 'GOVGRAPH_BREAKER_COOLDOWN_MS',
} as const;

export function subgraphsFromEnv(env: Env): unknown {
  return {
    timeoutMs: envNumber(env, SUBGRAPHS_ENV.timeoutMs),
    breaker: {
      failureThreshold: envNumber(env, SUBGRAPHS_ENV['breaker.failureThreshold']),
      cooldownMs: envNumber(env, SUBGRAPHS_ENV['breaker.cooldownMs']),
    },
  };
}
