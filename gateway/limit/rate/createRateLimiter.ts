import type { Logger } from 'pino';
import type { RateLimitsConfig } from '../../config';
import type { Reader } from '../../request';
import { memoryRateLimitStore } from './memoryRateLimitStore';
import { rateCountersOf } from './rateCountersOf';
import { rateLimited, rateLimitUnavailable } from './rateLimitErrors';
import type { RateLimitStore } from './RateLimitStore';
import { redisRateLimitStore } from './redisRateLimitStore';
import { sharedRedis } from './sharedRedis';
import { refuses, retryAfterMs } from './slidingWindow';
import { withDeadline } from './withDeadline';

export interface RateLimiterOptions {
  /** Counters in this Redis, shared by every instance; null or absent: in this process's memory. */
  redisUrl?: string | null;
  /** Prefix of every key (`govgraph:`). */
  prefix: string;
  log: Logger;
  /** The time in ms (tests drive the window with it); defaults to `Date.now`. */
  clock?: () => number;
  /** A store given directly (tests); replaces `redisUrl`. */
  store?: RateLimitStore;
}

export interface RateLimiterHealth {
  /** Where the counters are; `off` when rate limits are disabled. */
  store: 'redis' | 'memory' | 'off';
  /** False while the counters are known to be unreachable (the last attempt failed, or the connection is down). */
  up: boolean;
  whenStoreDown: RateLimitsConfig['whenStoreDown'];
}

export interface RateLimiter {
  /**
   * Counts one request of `reader` (from `clientAddress` when anonymous); throws a
   * `RATE_LIMITED` (429) error when a budget is spent, `RATE_LIMIT_UNAVAILABLE` (503) when
   * the counters cannot be reached within `storeTimeoutMs` and `whenStoreDown` refuses this
   * caller. Never waits longer than `storeTimeoutMs`.
   */
  check(reader: Reader, clientAddress: string): Promise<void>;
  health(): RateLimiterHealth;
  close(): Promise<void>;
}

/**
 * Rate limits per identity, per department and per anonymous client address over a sliding
 * window (`slidingWindow.ts`), checked right after authentication: the cheapest point at which
 * the caller is known, before any parsing.
 */
export function createRateLimiter(config: RateLimitsConfig, options: RateLimiterOptions): RateLimiter {
  if (!config.enabled) return { check: async () => {}, health: () => ({ store: 'off', up: true, whenStoreDown: config.whenStoreDown }), close: async () => {} };
  const { log, prefix } = options;
  const clock = options.clock ?? Date.now;
  const windowMs = config.windowSeconds * 1000;
  const store =
    options.store ??
    (options.redisUrl ? redisRateLimitStore(sharedRedis(options.redisUrl, { name: 'govgraph-rate-limits', timeoutMs: config.storeTimeoutMs, log })) : memoryRateLimitStore());
  let up = true;

  const whenDown = (reader: Reader, error: unknown): void => {
    if (up) log.warn({ err: (error as Error).message, whenStoreDown: config.whenStoreDown }, 'rate-limit counters unreachable');
    up = false;
    const refused = config.whenStoreDown === 'closed' || (config.whenStoreDown === 'split' && !reader.identity);
    if (refused) throw rateLimitUnavailable();
  };

  return {
    async check(reader, clientAddress) {
      const counters = rateCountersOf(reader, clientAddress, config, prefix);
      const now = clock();
      let outcome;
      try {
        outcome = await withDeadline(store.hit(counters, now, windowMs), config.storeTimeoutMs);
      } catch (error) {
        return whenDown(reader, error);
      }
      if (!up) log.info('rate-limit counters reachable again');
      up = true;
      if (outcome.allowed) return;
      // The caller may retry once every spent budget has room again.
      let wait = 0;
      let kind = counters[0].kind;
      counters.forEach((counter, i) => {
        if (!refuses(outcome.counts[i], counter.limit, now, windowMs)) return;
        const ms = retryAfterMs(outcome.counts[i], counter.limit, now, windowMs);
        if (ms >= wait) [wait, kind] = [ms, counter.kind];
      });
      throw rateLimited(kind, Math.max(1, Math.ceil(wait / 1000)));
    },
    health: () => ({ store: store.kind, up: up && store.reachable(), whenStoreDown: config.whenStoreDown }),
    close: () => store.close(),
  };
}
