import Redis from 'ioredis';
import { RedisGrantStore } from '../../policies/grants/RedisGrantStore';
import type { AccessGrant, GrantSnapshot } from '../../policies/grants/types';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** The Redis grant store against a real Redis; each test's keys live under this process's own prefix. */
const PREFIX = `govgraph-test-grants-${process.pid}-${Math.floor(Math.random() * 1e6)}`;

const GRANT: AccessGrant = {
  id: 'G-000001',
  applicationId: 'AA-000001',
  grantee: 'market',
  provider: 'population',
  coordinates: ['Person.householdAddress'],
  purpose: 'application-review',
  until: '2027-05-31T15:59:59.999Z',
  caseBound: true,
  approvedBy: 'officer-0001',
  approvedAt: '2026-11-27T08:00:00.000Z',
};

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

  it('publish → the key holds the snapshot JSON under version 1', async () => {
    expect(await storeFor().publish([GRANT])).toEqual({ version: 1, grants: [GRANT] });
    expect(JSON.parse((await redis.get(key))!)).toEqual({ version: 1, grants: [GRANT] });
  });

  it('publishes from two instances → versions 1, 2, 3 with no repeat', async () => {
    const a = storeFor();
    const b = storeFor();
    const versions = (await Promise.all([a.publish([GRANT]), b.publish([]), a.publish([GRANT])])).map((s) => s.version).sort();
    expect(versions).toEqual([1, 2, 3]);
    expect((await storeFor().read()).version).toBe(3);
  });

  it('a publish by another instance → a follower sees it within 2 s', async () => {
    const seen: GrantSnapshot[] = [];
    storeFor().follow((snapshot) => seen.push(snapshot));
    await within(2000, () => expect(seen.map((s) => s.version)).toEqual([0]));
    await storeFor().publish([GRANT]);
    await within(2000, () => expect(seen.map((s) => s.version)).toEqual([0, 1]));
    expect(seen[1].grants).toEqual([GRANT]);
  });

  it("the follower's connection is cut → it reconnects and reads what was published meanwhile", async () => {
    const seen: number[] = [];
    const follower = storeFor();
    follower.follow((snapshot) => seen.push(snapshot.version));
    await within(2000, () => expect(seen).toEqual([0]));
    // Cut every subscriber on this test's channel (only this follower listens on it).
    const clients = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(` name=grants:${key} `))
      .map((line) => /\bid=(\d+)/.exec(line)![1]);
    expect(ids).toHaveLength(1);
    await redis.call('CLIENT', 'KILL', 'ID', ids[0]);
    await storeFor().publish([GRANT]);
    await within(3000, () => expect(seen).toEqual([0, 1]));
  });

  it('a malformed value under the key → the error is reported and the last good snapshot stays', async () => {
    await storeFor().publish([GRANT]);
    const seen: number[] = [];
    const errors: string[] = [];
    storeFor().follow(
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    await within(2000, () => expect(seen).toEqual([1]));
    await redis.set(key, '{"version": 2, "grants": "everything"}');
    await redis.publish(`${key}:changed`, '2');
    await within(2000, () => expect(errors.some((message) => message.includes('malformed'))).toBe(true));
    expect(seen).toEqual([1]);
  });

  it('Redis unreachable → publish fails within its timeout and follow reports it, passing nothing on', async () => {
    const store = storeFor('redis://127.0.0.1:1', { commandTimeoutMs: 300 });
    await expect(store.publish([GRANT])).rejects.toThrow();
    const seen: number[] = [];
    const errors: string[] = [];
    store.follow(
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    await within(2000, () => expect(errors.length).toBeGreaterThan(0));
    expect(seen).toEqual([]);
  });

  it('the description names the server and key, never the password', () => {
    const store = storeFor('redis://:secret-password@127.0.0.1:1/0');
    expect(store.description).toBe(`redis redis://:***@127.0.0.1:1/0 key ${key}`);
  });
});
