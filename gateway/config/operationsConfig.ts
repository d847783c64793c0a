import { z } from 'zod';
import { envBoolean, envNumber, envValue, positiveInt, type Env } from './envReaders';

/**
 * Which operations run: any valid one (`open`, the default), or only those registered with
 * `govgraph operations register` (`safelist`, for production frontends). Automatic
 * persisted queries (a hash in place of the text) are on in both; in `safelist` mode a hash
 * names a registered operation, and clients cannot add any.
 */
export const operationsConfig = z.object({
  mode: z.enum(['open', 'safelist']).default('open'),
  persistedQueries: z.boolean().default(true),
  /** How long an automatic persisted query is kept after it was last sent with its text (`open` mode). */
  persistedQueryTtlSeconds: positiveInt.default(86_400),
  /** Longest a request waits for the shared store (Redis) before it counts as a miss. */
  storeTimeoutMs: positiveInt.default(250),
});

export type OperationsConfig = z.infer<typeof operationsConfig>;

export const OPERATIONS_ENV = {
  mode: 'GOVGRAPH_OPERATIONS',
  persistedQueries: 'GOVGRAPH_PERSISTED_QUERIES',
  persistedQueryTtlSeconds: 'GOVGRAPH_PERSISTED_QUERY_TTL_SECONDS',
  storeTimeoutMs: 'GOVGRAPH_OPERATIONS_STORE_TIMEOUT_MS',
} as const;

export function operationsFromEnv(env: Env): unknown {
  return {
    mode: envValue(env, OPERATIONS_ENV.mode),
    persistedQueries: envBoolean(env, OPERATIONS_ENV.persistedQueries),
    persistedQueryTtlSeconds: envNumber(env, OPERATIONS_ENV.persistedQueryTtlSeconds),
    storeTimeoutMs: envNumber(env, OPERATIONS_ENV.storeTimeoutMs),
  };
}
