import { z } from 'zod';
import { envBoolean, envNumber, envNumberMap, envValue, positiveInt, type Env } from './envReaders';

/**
 * Rate limits per identity, per department and per anonymous client address, over a
 * sliding window shared by every instance through Redis (in memory without it).
 */
export const rateLimitsConfig = z.object({
  /** Off: nobody is counted (benchmarks, a gateway behind a limiter of its own). */
  enabled: z.boolean().default(true),
  windowSeconds: positiveInt.default(60),
  /** Requests one identity (token `sub`) may make per window. */
  perIdentity: positiveInt.default(600),
  /**
   * Budgets of named subjects in place of `perIdentity`: a department's service identity
   * (`department:services`), which asks the graph on behalf of every caller of its own.
   */
  identityBudgets: z.record(z.string(), positiveInt).default({}),
  /** Requests all staff of one department may make together per window. */
  perDepartment: positiveInt.default(6000),
  /** Requests one anonymous client address may make per window. */
  perAnonymousAddress: positiveInt.default(120),
  /**
   * When Redis cannot be asked: `split` refuses anonymous callers and lets authenticated
   * staff through (the default), `closed` refuses everyone, `open` lets everyone through.
   */
  whenStoreDown: z.enum(['split', 'closed', 'open']).default('split'),
  /** Longest a request waits for the counter store before it counts as down. */
  storeTimeoutMs: positiveInt.default(250),
});

export type RateLimitsConfig = z.infer<typeof rateLimitsConfig>;

export const RATE_LIMITS_ENV = {
  enabled: 'GOVGRAPH_RATE_LIMITS',
  windowSeconds: 'GOVGRAPH_RATE_WINDOW_SECONDS',
  perIdentity: 'GOVGRAPH_RATE_PER_IDENTITY',
  identityBudgets: 'GOVGRAPH_RATE_IDENTITY_BUDGETS',
  perDepartment: 'GOVGRAPH_RATE_PER_DEPARTMENT',
  perAnonymousAddress: 'GOVGRAPH_RATE_PER_ANONYMOUS',
  whenStoreDown: 'GOVGRAPH_RATE_WHEN_REDIS_DOWN',
  storeTimeoutMs: 'GOVGRAPH_RATE_STORE_TIMEOUT_MS',
} as const;

export function rateLimitsFromEnv(env: Env): unknown {
  return {
    enabled: envBoolean(env, RATE_LIMITS_ENV.enabled),
    windowSeconds: envNumber(env, RATE_LIMITS_ENV.windowSeconds),
    perIdentity: envNumber(env, RATE_LIMITS_ENV.perIdentity),
    identityBudgets: envNumberMap(env, RATE_LIMITS_ENV.identityBudgets),
    perDepartment: envNumber(env, RATE_LIMITS_ENV.perDepartment),
    perAnonymousAddress: envNumber(env, RATE_LIMITS_ENV.perAnonymousAddress),
    whenStoreDown: envValue(env, RATE_LIMITS_ENV.whenStoreDown),
    storeTimeoutMs: envNumber(env, RATE_LIMITS_ENV.storeTimeoutMs),
  };
}
