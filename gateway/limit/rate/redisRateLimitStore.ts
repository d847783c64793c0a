import type Redis from 'ioredis';
import type { HitOutcome, RateCounter, RateLimitStore } from './RateLimitStore';
import type { SharedRedis } from './sharedRedis';
import { SLIDING_WINDOW_SCRIPT } from './slidingWindowScript';

type WithScript = Redis & { govgraphRateHit(numberOfKeys: number, ...args: (string | number)[]): Promise<number[]> };

/**
 * The counters in Redis, shared by every gateway instance: one round trip per request (the
 * script is sent once, then called by its digest). With a Redis Cluster, put a hash tag in
 * the prefix (`{govgraph}:`) so that one request's counters share a slot.
 */
export function redisRateLimitStore(redis: SharedRedis): RateLimitStore {
  const client = redis.client as WithScript;
  if (!client.govgraphRateHit) client.defineCommand('govgraphRateHit', { lua: SLIDING_WINDOW_SCRIPT });
  return {
    kind: 'redis',
    async hit(counters: readonly RateCounter[], nowMs: number, windowMs: number): Promise<HitOutcome> {
      await redis.firstConnection();
      const reply = await client.govgraphRateHit(counters.length, ...counters.map((c) => c.key), nowMs, windowMs, ...counters.map((c) => c.limit));
      return { allowed: reply[0] === 1, counts: counters.map((_, i) => ({ current: reply[1 + 2 * i], previous: reply[2 + 2 * i] })) };
    },
    reachable: () => redis.up(),
    close: () => redis.close(),
  };
}
