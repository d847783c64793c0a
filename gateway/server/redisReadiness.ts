import Redis from 'ioredis';
import type { ReadinessCheck } from './readiness';

/**
 * Whether the Redis every instance shares answers a PING. Its own small connection: it
 * queues nothing while disconnected (a check fails at once), gives up on a PING after a
 * second, drops a connection that has stopped answering (which TCP would keep for many
 * minutes) and reconnects by itself.
 */
export function redisReadiness(url: string): ReadinessCheck & { close(): Promise<void> } {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, commandTimeout: 1000, socketTimeout: 1000 });
  redis.on('error', () => {
    // Reported by the check; ioredis keeps reconnecting.
  });
  void redis.connect().catch(() => undefined);
  return {
    name: 'redis',
    async check() {
      const answer = await redis.ping();
      return answer === 'PONG' ? null : `unexpected answer ${answer}`;
    },
    async close() {
      redis.disconnect();
    },
  };
}
