import Redis from 'ioredis';
import pino from 'pino';
import { redisResponseCacheStore } from '../../gateway/cache';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

const log = pino({ level: 'silent' });

describeWithRedis('the response cache in Redis', () => {
  const prefix = uniqueRedisPrefix('response-cache');
  const first = () => redisResponseCacheStore({ url: REDIS_URL!, prefix, timeoutMs: 500, log });
  const one = first();
  const other = first();

  afterAll(async () => {
    await Promise.all([one.close(), other.close()]);
    const redis = new Redis(REDIS_URL!);
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('an answer kept by one instance → served by another', async () => {
    await one.write('shared', 'answer', await one.generations(['population']), 60);
    expect(await other.read('shared')).toBe('answer');
  });

  it('a write through another instance to a department it holds → a miss on every instance', async () => {
    await one.write('written', 'answer', await one.generations(['population', 'licenses']), 60);
    await other.invalidate(['licenses']);
    expect([await one.read('written'), await other.read('written')]).toEqual([undefined, undefined]);
  });

  it('kept for 1 s → gone after it', async () => {
    await one.write('short', 'answer', {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await one.read('short')).toBeUndefined();
  });

  it('Redis unreachable → a miss, not an error', async () => {
    const down = redisResponseCacheStore({ url: 'redis://127.0.0.1:1', prefix, timeoutMs: 100, log });
    await down.write('k', 'v', {}, 60);
    expect(await down.read('k')).toBeUndefined();
    await down.close();
  });
});
