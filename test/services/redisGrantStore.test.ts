import Redis from 'ioredis';
import { RedisGrantStore, type GrantSnapshot } from '../../policies/grants';
import { itRefusesWhatTheCatalogDidNotSign } from '../support/grantStoreRefusals';
import { newSigningKey } from '../support/newSigningKey';
import { SAMPLE_GRANT } from '../support/sampleGrant';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { startTcpProxy } from '../support/tcpProxy';

/** The Redis grant store against a real Redis; each test's keys live under this process's own prefix. */
const PREFIX = `govgraph-test-grants-${process.pid}-${Math.floor(Math.random() * 1e6)}`;

/** The catalog's key, whose public half followers here verify with. */
const { key: KEY } = newSigningKey();
const SIGNED = expect.stringMatching(/^[\w-]+\.\.[\w-]+$/);

async function within(ms: number, check: () => void): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describeWithRedis('RedisGrantStore', () => {
  let redis: Redis;
  let key: string;
  let n = 0;
  const stores: RedisGrantStore[] = [];
  const storeFor = (url = REDIS_URL!, options: { commandTimeoutMs?: number } = {}) => {
    const store = new RedisGrantStore(url, { key, ...options });
    stores.push(store);
    return store;
  };
  /** A follower and what it saw. */
  const follower = (store = storeFor()) => {
    const seen: number[] = [];
    const errors: string[] = [];
    store.follow(
      KEY,
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    return { seen, errors };
  };
  /** What someone able to write the key does: replace the snapshot and announce it. */
  const writeKey = async (content: unknown): Promise<void> => {
    await redis.set(key, JSON.stringify(content));
    await redis.publish(`${key}:changed`, '0');
  };

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
  });

  beforeEach(() => {
    key = `${PREFIX}-${++n}:grants`;
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    const keys = await redis.keys(`${PREFIX}-*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('nothing published yet → version 0 and no grants', async () => {
    expect(await storeFor().read()).toEqual({ version: 0, grants: [] });
  });

  it('publish → the key holds the signed snapshot JSON under version 1', async () => {
    expect(await storeFor().publish([SAMPLE_GRANT], KEY)).toEqual({ version: 1, grants: [SAMPLE_GRANT], signature: SIGNED });
    expect(JSON.parse((await redis.get(key))!)).toEqual({ version: 1, grants: [SAMPLE_GRANT], signature: SIGNED });
  });

  it('publishes from two instances → versions 1, 2, 3 with no repeat', async () => {
    const a = storeFor();
    const b = storeFor();
    const versions = (await Promise.all([a.publish([SAMPLE_GRANT], KEY), b.publish([], KEY), a.publish([SAMPLE_GRANT], KEY)])).map((s) => s.version).sort();
    expect(versions).toEqual([1, 2, 3]);
    expect((await storeFor().read()).version).toBe(3);
  });

  it('a publish by another instance → a follower sees it within 2 s', async () => {
    const seen: GrantSnapshot[] = [];
    storeFor().follow(KEY, (snapshot) => seen.push(snapshot));
    await within(2000, () => expect(seen.map((s) => s.version)).toEqual([0]));
    await storeFor().publish([SAMPLE_GRANT], KEY);
    await within(2000, () => expect(seen.map((s) => s.version)).toEqual([0, 1]));
    expect(seen[1].grants).toEqual([SAMPLE_GRANT]);
  });

  it("the follower's connection is cut → it reconnects and reads what was published meanwhile", async () => {
    const { seen } = follower();
    await within(2000, () => expect(seen).toEqual([0]));
    // Cut every subscriber on this test's channel (only this follower listens on it).
    const clients = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(` name=grants:${key} `))
      .map((line) => /\bid=(\d+)/.exec(line)![1]);
    expect(ids).toHaveLength(1);
    await redis.call('CLIENT', 'KILL', 'ID', ids[0]);
    await storeFor().publish([SAMPLE_GRANT], KEY);
    await within(3000, () => expect(seen).toEqual([0, 1]));
  });

  it("the follower's connections gone silent without closing (a partition) → dropped and made again; a publication meanwhile is read", async () => {
    const { hostname, port } = new URL(REDIS_URL!);
    const proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    try {
      const { seen } = follower(storeFor(proxy.url, { commandTimeoutMs: 100 }));
      await within(2000, () => expect(seen).toEqual([0]));
      proxy.strand();
      await storeFor().publish([SAMPLE_GRANT], KEY);
      await within(8000, () => expect(seen).toEqual([0, 1]));
    } finally {
      await proxy.close();
    }
  });

  it('a malformed value under the key → the error is reported and the last good snapshot stays', async () => {
    await storeFor().publish([SAMPLE_GRANT], KEY);
    const { seen, errors } = follower();
    await within(2000, () => expect(seen).toEqual([1]));
    await writeKey({ version: 2, grants: 'everything' });
    await within(2000, () => expect(errors.some((message) => message.includes('malformed'))).toBe(true));
    expect(seen).toEqual([1]);
  });

  it('Redis unreachable → publish fails within its timeout and follow reports it, passing nothing on', async () => {
    const store = storeFor('redis://127.0.0.1:1', { commandTimeoutMs: 300 });
    await expect(store.publish([SAMPLE_GRANT], KEY)).rejects.toThrow();
    const { seen, errors } = follower(store);
    await within(2000, () => expect(errors.length).toBeGreaterThan(0));
    expect(seen).toEqual([]);
  });

  it('the description names the server and key, never the password', () => {
    const store = storeFor('redis://:secret-password@127.0.0.1:1/0');
    expect(store.description).toBe(`redis redis://:***@127.0.0.1:1/0 key ${key}`);
  });

  describe('what followers refuse', () => {
    itRefusesWhatTheCatalogDidNotSign(() => ({ store: () => storeFor(), write: writeKey, key: KEY, within }));
  });
});
