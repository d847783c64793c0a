import { z } from 'zod';
import { envBoolean, envValue, type Env } from './envReaders';

/**
 * Which operations run: any valid one (`open`, the default), or only those registered with
 * `govgraph operations register` (`safelist`, for production frontends). Automatic
 * persisted queries (a hash in place of the text) are on in both.
 */
export const operationsConfig = z.object({
  mode: z.enum(['open', 'safelist']).default('open'),
  persistedQueries: z.boolean().default(true),
});

export type OperationsConfig = z.infer<typeof operationsConfig>;

export const OPERATIONS_ENV = { mode: 'GOVGRAPH_OPERATIONS', persistedQueries: 'GOVGRAPH_PERSISTED_QUERIES' } as const;

export function operationsFromEnv(env: Env): unknown {
  return { mode: envValue(env, OPERATIONS_ENV.mode), persistedQueries: envBoolean(env, OPERATIONS_ENV.persistedQueries) };
}
