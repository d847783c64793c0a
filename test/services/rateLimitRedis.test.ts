import Redis from 'ioredis';
import pino from 'pino';
import { redisRateLimitStore, sharedRedis } from '../../gateway/limit/rate';
import { describeRateLimitStore } from '../support/rateLimitBehaviour';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** The same behaviour as the memory store (test/unit/rateLimitMemory.test.ts), from the Lua script in a real Redis. */
const prefix = uniqueRedisPrefix('rate-store');

describeWithRedis('rate limits in Redis', () => {
  const redis = REDIS_URL ? sharedRedis(REDIS_URL, { name: 'test', timeoutMs: 2000, log: pino({ level: 'silent' }) }) : undefined;
  describeRateLimitStore(
    'Redis',
    async () => ({ store: redisRateLimitStore(redis!), prefix }),
    async () => {
      const admin = new Redis(REDIS_URL!);
      await deleteKeysUnder(admin, prefix);
      await admin.quit();
      await redis!.close();
    },
  );
});
