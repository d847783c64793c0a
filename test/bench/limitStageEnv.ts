import { LIMITS_ENV } from '../../gateway/config/limitsConfig';
import { OPERATIONS_ENV } from '../../gateway/config/operationsConfig';
import { RATE_LIMITS_ENV } from '../../gateway/config/rateLimitsConfig';
import { UNSPENDABLE } from './benchRateLimitEnv';

/** The gateway configurations the stage-2 figure compares. */
export type LimitStage = 'off' | 'on' | 'on, Redis';

/**
 * Stage 2's settings for each configuration, laid over the bench's environment (which holds
 * the bench readers' rate budgets, `benchRateLimitEnv`):
 * - `on`: the defaults — every operation limit, rate limits counting every request in memory,
 *   automatic persisted queries in memory;
 * - `on, Redis`: the same with the rate counters and persisted queries in Redis (`redis`);
 * - `off`: rate limits and persisted queries switched off, and every operation limit raised
 *   out of reach. The limits have no switch: their checks still run, on every request (the
 *   cost and the variables against a cached document), so this figure leaves their
 *   per-request time out; the bench prints it beside.
 */
export function limitStageEnv(stage: LimitStage, redis?: { url: string; prefix: string }): Record<string, string> {
  switch (stage) {
    case 'on':
      return {};
    case 'on, Redis':
      if (!redis) throw new Error('the `on, Redis` configuration needs a Redis URL');
      return { REDIS_URL: redis.url, GOVGRAPH_REDIS_PREFIX: redis.prefix };
    case 'off': {
      const raised = Object.fromEntries(
        [
          LIMITS_ENV.maxDepth,
          LIMITS_ENV.maxAliases,
          LIMITS_ENV.maxRootFields,
          LIMITS_ENV.maxDirectives,
          LIMITS_ENV.maxTokens,
          LIMITS_ENV.maxBodyBytes,
          LIMITS_ENV.maxStringLength,
        ].map((name) => [name, String(UNSPENDABLE)]),
      );
      return {
        ...raised,
        [LIMITS_ENV['cost.budgets']]: `anonymous=${UNSPENDABLE},default=${UNSPENDABLE}`,
        [RATE_LIMITS_ENV.enabled]: 'off',
        [OPERATIONS_ENV.persistedQueries]: 'off',
      };
    }
  }
}
