import Redis from 'ioredis';
import pino from 'pino';
import { followStreamGroup, type StreamEntry, type StreamGroupFollow } from '../../schema/contracts/writeBack';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** The at-least-once consumer-group follower of the write-back streams, against a real Redis. */
const PREFIX = uniqueRedisPrefix('write-back-stream-group');
const log = pino({ level: 'silent' });

async function eventually(check: () => void | Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describeWithRedis('followStreamGroup', () => {
  let redis: Redis;
  let stream: string;
  let n = 0;
  const follows: StreamGroupFollow[] = [];

  /** A follower of this test's stream; `handle` records each entry's `n` field unless told otherwise. */
  const follow = (options: {
    consumer?: string;
    handle?: (entry: StreamEntry) => Promise<void>;
    giveUp?: (entry: StreamEntry, deliveries: number) => Promise<void>;
    maxDeliveries?: number;
  }) => {
    const following = followStreamGroup({
      redis,
      stream,
      group: 'population',
      consumer: options.consumer ?? 'population-a',
      handle: options.handle ?? (async () => undefined),
      giveUp: options.giveUp ?? (async () => undefined),
      log,
      blockMs: 100,
      claimIdleMs: 150,
      maxDeliveries: options.maxDeliveries ?? 3,
    });
    follows.push(following);
    return following;
  };
  const add = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(String(await redis.xadd(stream, '*', 'n', String(i))));
    return ids;
  };
  const pending = async (): Promise<number> => Number(((await redis.xpending(stream, 'population')) as [number])[0]);

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
  });

  beforeEach(() => {
    stream = `${PREFIX}write-backs:population:${++n}`;
  });

  afterEach(async () => {
    await Promise.all(follows.splice(0).map((following) => following.close()));
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    redis.disconnect();
  });

  it('entries added → each handled once, then acknowledged', async () => {
    const seen: string[] = [];
    follow({ handle: async (entry) => void seen.push(entry.id) });
    const ids = await add(5);
    await eventually(() => expect(seen).toEqual(ids));
    await eventually(async () => expect(await pending()).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toEqual(ids);
  });

  it('a handler that throws → the entry delivered again once idle, then given up after maxDeliveries and acknowledged', async () => {
    let attempts = 0;
    const givenUp: number[] = [];
    follow({
      handle: async () => {
        attempts++;
        throw new Error('database is locked');
      },
      giveUp: async (_entry, deliveries) => void givenUp.push(deliveries),
    });
    await add(1);
    await eventually(() => expect(givenUp).toEqual([4]));
    expect(attempts).toBe(3);
    expect(await pending()).toBe(0);
  });

  it('a handler that fails once → delivered again and handled', async () => {
    const attempts: string[] = [];
    follow({
      handle: async (entry) => {
        attempts.push(entry.id);
        if (attempts.length === 1) throw new Error('database is locked');
      },
    });
    const [id] = await add(1);
    await eventually(() => expect(attempts).toEqual([id, id]));
    await eventually(async () => expect(await pending()).toBe(0));
  });

  it('a consumer closed mid-batch → it finishes the entry in hand, and another consumer takes over the rest it had read', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const first: string[] = [];
    const a = follow({
      consumer: 'population-a',
      handle: async (entry) => {
        first.push(entry.id);
        await stuck;
      },
    });
    const ids = await add(3);
    await eventually(() => expect(first).toEqual([ids[0]]));
    const closing = a.close();
    release();
    await closing;
    expect([first, await pending()]).toEqual([[ids[0]], 2]);
    const second: string[] = [];
    follow({ consumer: 'population-b', handle: async (entry) => void second.push(entry.id) });
    await eventually(() => expect(second).toEqual(ids.slice(1)));
    await eventually(async () => expect(await pending()).toBe(0));
  });

  it('entries read by a consumer that never came back → claimed by a running one once idle', async () => {
    const ids = await add(2);
    await redis.xgroup('CREATE', stream, 'population', '0');
    await redis.xreadgroup('GROUP', 'population', 'population-gone', 'COUNT', 10, 'STREAMS', stream, '>');
    const seen: string[] = [];
    follow({ handle: async (entry) => void seen.push(entry.id) });
    await eventually(() => expect(seen).toEqual(ids));
  });

  it('the stream deleted (as by a Redis restarted without persistence) → the group created again, new entries handled', async () => {
    const seen: string[] = [];
    follow({ handle: async (entry) => void seen.push(entry.id) });
    const [before] = await add(1);
    await eventually(() => expect(seen).toEqual([before]));
    await redis.del(stream);
    const [after] = await add(1);
    await eventually(() => expect(seen).toEqual([before, after]));
  });

  it('Redis unreachable → lastError says why', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 200, disconnectTimeout: 50 });
    unreachable.on('error', () => undefined);
    const following = followStreamGroup({
      redis: unreachable,
      stream,
      group: 'population',
      consumer: 'c',
      handle: async () => undefined,
      giveUp: async () => undefined,
      log,
      blockMs: 100,
    });
    follows.push(following);
    await eventually(() => expect(following.lastError()).toEqual(expect.any(String)));
    unreachable.disconnect();
  });
});
