import Redis from 'ioredis';
import pino from 'pino';
import { redisKeyValueCache } from '../../gateway/limit/persisted';
import { sharedRedis, type SharedRedis } from '../../gateway/limit/rate';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

/** The persisted-query store over Redis (through a proxy the test can stall): what it keeps, and that a stalled Redis is a miss, never an error or a wait. */
const PREFIX = uniqueRedisPrefix('apq-cache');
const TIMEOUT_MS = 300;

describeWithRedis('persisted queries in Redis', () => {
  let proxy: TcpProxy;
  let redis: SharedRedis;
  let admin: Redis;
  const cache = () => redisKeyValueCache(redis, { prefix: PREFIX, timeoutMs: TIMEOUT_MS, defaultTtlSeconds: 600, log: pino({ level: 'silent' }) });

  beforeAll(async () => {
    const { hostname, port } = new URL(REDIS_URL!);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    redis = sharedRedis(proxy.url, { name: 'test-apq', timeoutMs: TIMEOUT_MS, log: pino({ level: 'silent' }) });
    admin = new Redis(REDIS_URL!);
    // Connected before the first test: a command before that is a miss by design, which is not what these tests are about.
    if (redis.client.status !== 'ready') await new Promise((resolve) => redis.client.once('ready', resolve));
  });
  afterEach(() => proxy.release());
  afterAll(async () => {
    await redis.close();
    await proxy.close();
    await deleteKeysUnder(admin, PREFIX);
    await admin.quit();
  });

  it('set, then get → the text, under the prefix', async () => {
    await cache().set('apq:abc', '{ items }');
    expect([await cache().get('apq:abc'), await admin.get(`${PREFIX}apq:abc`)]).toEqual(['{ items }', '{ items }']);
  });

  it('set with a ttl → the key expires after it', async () => {
    await cache().set('apq:ttl', '{ items }', { ttl: 30 });
    expect(await admin.ttl(`${PREFIX}apq:ttl`)).toBe(30);
  });

  it('set without a ttl → the default ttl, never forever', async () => {
    await cache().set('apq:default', '{ items }');
    expect(await admin.ttl(`${PREFIX}apq:default`)).toBe(600);
  });

  it('Redis not answering → get is a miss within the timeout', async () => {
    await cache().set('apq:held', '{ items }');
    proxy.holdReplies();
    const started = Date.now();
    expect([await cache().get('apq:held'), Date.now() - started < 1000]).toEqual([undefined, true]);
  });

  it('Redis not answering → set resolves without an error', async () => {
    proxy.holdReplies();
    await expect(cache().set('apq:lost', '{ items }')).resolves.toBeUndefined();
  });
});
