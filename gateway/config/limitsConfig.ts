import { z } from 'zod';
import { envBoolean, envNumber, envNumberMap, positiveInt, type Env } from './envReaders';

/**
 * Operation limits (stage 2), checked before planning. Each has a default a real frontend
 * stays far below; an operator raises one deliberately.
 */
export const limitsConfig = z.object({
  maxDepth: positiveInt.default(10),
  maxAliases: positiveInt.default(30),
  maxRootFields: positiveInt.default(20),
  maxDirectives: positiveInt.default(50),
  maxTokens: positiveInt.default(5000),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: positiveInt.default(256 * 1024),
  /** Several operations in one HTTP request (a JSON array); off by default. */
  batching: z.boolean().default(false),
  cost: z
    .object({
      /** The list size assumed for a list field without `first` (or with a larger one than the list's maximum). */
      defaultListSize: positiveInt.default(20),
      /**
       * The cost budget per role; a reader gets the largest of their roles', `anonymous` when
       * there is no token, `default` for roles not named.
       */
      budgets: z.record(z.string(), positiveInt).default({ anonymous: 500, default: 5000 }),
    })
    .prefault({}),
});

export type LimitsConfig = z.infer<typeof limitsConfig>;

export const LIMITS_ENV = {
  maxDepth: 'GOVGRAPH_MAX_DEPTH',
  maxAliases: 'GOVGRAPH_MAX_ALIASES',
  maxRootFields: 'GOVGRAPH_MAX_ROOT_FIELDS',
  maxDirectives: 'GOVGRAPH_MAX_DIRECTIVES',
  maxTokens: 'GOVGRAPH_MAX_TOKENS',
  maxBodyBytes: 'GOVGRAPH_MAX_BODY_BYTES',
  batching: 'GOVGRAPH_BATCHING',
  'cost.defaultListSize': 'GOVGRAPH_COST_DEFAULT_LIST_SIZE',
  'cost.budgets': 'GOVGRAPH_COST_BUDGETS',
} as const;

export function limitsFromEnv(env: Env): unknown {
  return {
    maxDepth: envNumber(env, LIMITS_ENV.maxDepth),
    maxAliases: envNumber(env, LIMITS_ENV.maxAliases),
    maxRootFields: envNumber(env, LIMITS_ENV.maxRootFields),
    maxDirectives: envNumber(env, LIMITS_ENV.maxDirectives),
    maxTokens: envNumber(env, LIMITS_ENV.maxTokens),
    maxBodyBytes: envNumber(env, LIMITS_ENV.maxBodyBytes),
    batching: envBoolean(env, LIMITS_ENV.batching),
    cost: {
      defaultListSize: envNumber(env, LIMITS_ENV['cost.defaultListSize']),
      budgets: envNumberMap(env, LIMITS_ENV['cost.budgets']),
    },
  };
}
