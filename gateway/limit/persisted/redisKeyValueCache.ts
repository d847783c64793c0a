import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import { redisAttempts, type SharedRedis } from '../rate';

/**
 * Automatic persisted queries in Redis, shared by every gateway instance. Redis down or slow
 * (beyond `timeoutMs`) reads as a miss and a lost write: the client then sends the text, the
 * request runs, nothing fails and nothing waits. Every entry expires (`defaultTtlSeconds` when
 * Apollo gives none), so the store does not grow without end.
 */
export function redisKeyValueCache(redis: SharedRedis, options: { prefix: string; timeoutMs: number; defaultTtlSeconds: number; log: Logger }): KeyValueCache<string> {
  const { prefix, timeoutMs, defaultTtlSeconds, log } = options;
  const attempt = redisAttempts(redis, { store: 'persisted query', timeoutMs, log });
  return {
    get: (key) => attempt('read', async () => (await redis.client.get(prefix + key)) ?? undefined, undefined),
    set: (key, value, options) => attempt('write', async () => void (await redis.client.set(prefix + key, value, 'EX', options?.ttl ?? defaultTtlSeconds)), undefined),
    delete: (key) => attempt('delete', async () => (await redis.client.del(prefix + key)) > 0, false),
  };
}
