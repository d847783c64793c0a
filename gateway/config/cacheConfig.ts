import { z } from 'zod';
import { envBoolean, envNumber, positiveInt, type Env } from './envReaders';

/**
 * The policy-aware response cache (gateway/cache). Off by default; on, it keeps only what every
 * department whose fields an answer holds lets be cached (`cache:` in its policy file), in Redis
 * when `REDIS_URL` is set (shared by every instance) and in this process's memory otherwise.
 */
export const cacheConfig = z.object({
  enabled: z.boolean().default(false),
  /** In memory: the most answers kept; the oldest go first. */
  maxEntries: positiveInt.default(10_000),
  /** Longest a request waits for Redis before the cache counts as a miss (and the request runs). */
  storeTimeoutMs: positiveInt.default(100),
});

export type CacheConfig = z.infer<typeof cacheConfig>;

export const CACHE_ENV = {
  enabled: 'GOVGRAPH_RESPONSE_CACHE',
  maxEntries: 'GOVGRAPH_RESPONSE_CACHE_MAX_ENTRIES',
  storeTimeoutMs: 'GOVGRAPH_RESPONSE_CACHE_TIMEOUT_MS',
} as const;

export function cacheFromEnv(env: Env): unknown {
  return {
    enabled: envBoolean(env, CACHE_ENV.enabled),
    maxEntries: envNumber(env, CACHE_ENV.maxEntries),
    storeTimeoutMs: envNumber(env, CACHE_ENV.storeTimeoutMs),
  };
}
