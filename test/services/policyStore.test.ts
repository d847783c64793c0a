import fs from 'node:fs';
import Redis from 'ioredis';
import pino from 'pino';
import {
  followPublishedPolicies,
  loadPolicySet,
  POLICIES_DIR,
  RedisPolicyStore,
  type PolicyChange,
  type PolicySet,
  type PublishedPolicyFollow,
} from '../../policies';
import { readPolicyDir, type PolicyFileText } from '../../policies/engine/readPolicyDir';
import { SUPERGRAPH_FILE } from '../../schema/composeSupergraph';
import { describeWithRedis, REDIS_URL } from '../support/services';

/**
 * The policy store against a real Redis: what `publish` stores and announces, and how an
 * instance follows it. Every key lives under a prefix of this test process's own.
 */
const PREFIX = `govgraph-test-store-${process.pid}-${Math.floor(Math.random() * 1e6)}:`;
const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const SHIPPED = readPolicyDir(POLICIES_DIR).files;
const NAME_GRANT = '          - roles: [caseworker, reviewer]\n          - roles: [auditor]\n            mask: name';

/** The shipped files with one text replaced in one file. */
function changed(file: string, from: string, to: string, files: PolicyFileText[] = SHIPPED): PolicyFileText[] {
  return files.map((f) => {
    if (f.file !== file) return f;
    if (!f.text.includes(from)) throw new Error(`${file} has no "${from}"`);
    return { file: f.file, text: f.text.replace(from, to) };
  });
}

const REVOKED = changed('population.yaml', NAME_GRANT, '          - roles: [reviewer]\n          - roles: [auditor]\n            mask: name');
const BROKEN = changed('market.yaml', 'department: market', 'department: market\nnonsense: [unclosed');

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeWithRedis('policy store (Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: RedisPolicyStore;
  let shipped: PolicySet;
  const follows: PublishedPolicyFollow[] = [];
  let case_ = 0;

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
    shipped = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH });
  });

  beforeEach(() => {
    prefix = `${PREFIX}${++case_}:`;
    store = new RedisPolicyStore(redis, prefix);
  });

  afterEach(async () => {
    await Promise.all(follows.splice(0).map((follow) => follow.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  });

  afterAll(async () => {
    await redis.quit();
  });

  /** An instance following the store, starting from the shipped files. */
  async function follower() {
    let current = shipped;
    const changes: PolicyChange[] = [];
    const follow = await followPublishedPolicies({
      store: { redisUrl: REDIS_URL!, prefix },
      supergraphSdl: () => SUPERGRAPH,
      current: () => current,
      apply(policies, change) {
        current = policies;
        changes.push(change);
      },
      log: pino({ level: 'silent' }),
    });
    follows.push(follow);
    return { follow, changes, current: () => current };
  }

  describe('publish', () => {
    it('first publication → version 1, the files, publisher and no previous hash', async () => {
      const { kind, bundle } = await store.publish({ files: SHIPPED, publishedBy: 'officer-li' });
      expect(kind).toBe('published');
      expect(bundle).toMatchObject({ version: 1, hash: shipped.hash, publishedBy: 'officer-li', previousHash: null, files: SHIPPED });
      expect(await store.current()).toEqual(bundle);
    });

    it('a second publication → the next version, naming the hash it replaces; history has both, newest first', async () => {
      const first = await store.publish({ files: SHIPPED, publishedBy: 'officer-li' });
      const second = await store.publish({ files: REVOKED, publishedBy: 'officer-wang' });
      expect(second.bundle).toMatchObject({ version: 2, previousHash: first.bundle.hash, publishedBy: 'officer-wang' });
      const history = await store.history();
      expect(history.map(({ version, hash, previousHash, publishedBy }) => ({ version, hash, previousHash, publishedBy }))).toEqual([
        { version: 2, hash: second.bundle.hash, previousHash: first.bundle.hash, publishedBy: 'officer-wang' },
        { version: 1, hash: first.bundle.hash, previousHash: null, publishedBy: 'officer-li' },
      ]);
    });

    it('the same files as the current version → unchanged: no new version, no history line', async () => {
      await store.publish({ files: SHIPPED, publishedBy: 'officer-li' });
      const again = await store.publish({ files: SHIPPED, publishedBy: 'officer-wang' });
      expect(again.kind).toBe('unchanged');
      expect(again.bundle).toMatchObject({ version: 1, publishedBy: 'officer-li' });
      expect(await store.history()).toHaveLength(1);
    });

    it('two officers publishing at once → two versions, each chained to the one before', async () => {
      const [a, b] = await Promise.all([store.publish({ files: SHIPPED, publishedBy: 'a' }), store.publish({ files: REVOKED, publishedBy: 'b' })]);
      const [first, second] = a.bundle.version === 1 ? [a.bundle, b.bundle] : [b.bundle, a.bundle];
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(second.previousHash).toBe(first.hash);
    });

    it('a publication → the channel is told its version and hash after the bundle is stored', async () => {
      const subscriber = new Redis(REDIS_URL!);
      try {
        await subscriber.subscribe(store.keys.channel);
        const message = new Promise<{ text: string; stored: string | null }>((resolve) =>
          subscriber.once('message', (_channel, text: string) => void redis.get(store.keys.current).then((stored) => resolve({ text, stored }))),
        );
        const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li' });
        const { text, stored } = await message;
        expect(JSON.parse(text)).toEqual({ version: 1, hash: bundle.hash });
        expect(JSON.parse(stored!)).toMatchObject({ version: 1, hash: bundle.hash });
      } finally {
        subscriber.disconnect();
      }
    });
  });

  describe('following', () => {
    it('nothing published → the files stay in force, version null, store connected', async () => {
      const { follow, changes, current } = await follower();
      expect(current()).toBe(shipped);
      expect(changes).toEqual([]);
      expect(follow.health()).toEqual({ policyVersion: null, policyStore: 'connected' });
      expect(follow.lastError()).toBeNull();
    });

    it('a version published before start → in force once started, recorded as a change from the files', async () => {
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li' });
      const { follow, changes, current } = await follower();
      expect(current().hash).toBe(bundle.hash);
      expect(changes).toEqual([{ source: 'redis', version: 1, from: shipped.hash, to: bundle.hash, publishedBy: 'officer-li' }]);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('the files equal the published version → its version is reported, nothing is swapped', async () => {
      await store.publish({ files: SHIPPED, publishedBy: 'officer-li' });
      const { follow, changes, current } = await follower();
      expect(current()).toBe(shipped);
      expect(changes).toEqual([]);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('a publication while following → in force after the notification', async () => {
      const { follow, current } = await follower();
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li' });
      await until(() => current().hash === bundle.hash);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('a published set with problems → refused: the last good set and version stay, lastError lists file:line', async () => {
      const good = await store.publish({ files: REVOKED, publishedBy: 'officer-li' });
      const { follow, changes, current } = await follower();
      await store.publish({ files: BROKEN, publishedBy: 'officer-wang' });
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toMatch(/^The policies of published version 2 were not loaded \(\d+ problems?\):\n {2}market\.yaml:\d+: /);
      expect(current().hash).toBe(good.bundle.hash);
      expect(follow.health()).toEqual({ policyVersion: 1, policyStore: 'connected' });
      expect(changes).toHaveLength(1);
    });

    it('a bundle whose files do not match its hash → refused as altered', async () => {
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li' });
      await redis.set(store.keys.current, JSON.stringify({ ...bundle, version: 2, files: SHIPPED }));
      const { follow, current } = await follower();
      expect(current()).toBe(shipped);
      expect(follow.lastError()).toContain('altered in the store?');
      expect(follow.health().policyVersion).toBeNull();
    });

    it('something that is not a bundle in the store → refused, the files stay in force', async () => {
      await redis.set(store.keys.current, '{"version": "one"}');
      const { follow, current } = await follower();
      expect(current()).toBe(shipped);
      expect(follow.lastError()).toContain('The published policy bundle is malformed: version is not a positive whole number');
    });

    it('a publication missed while disconnected → read when the connection is back', async () => {
      const { follow, current } = await follower();
      // A bundle stored without its notification, as if it were sent while this instance was cut off…
      const files = REVOKED;
      const { bundle } = await store.publish({ files, publishedBy: 'officer-li' });
      await until(() => current().hash === bundle.hash);
      const missed = await new RedisPolicyStore(redis, `${prefix}elsewhere:`).publish({ files: SHIPPED, publishedBy: 'officer-wang' });
      await redis.set(store.keys.current, JSON.stringify({ ...missed.bundle, version: 2, previousHash: bundle.hash }));
      expect(current().hash).toBe(bundle.hash);
      // …then its connections drop (as in a network cut) and come back.
      const clients = (await redis.client('LIST')) as string;
      const ids = clients.split('\n').flatMap((line) => (line.includes(`name=govgraph-policy-follow:${prefix} `) || line.includes(`name=govgraph-policy:${prefix} `) ? [/\bid=(\d+)/.exec(line)![1]] : []));
      expect(ids).toHaveLength(2);
      for (const id of ids) await redis.client('KILL', 'ID', id);
      await until(() => current().hash === shipped.hash && follow.health().policyStore === 'connected');
      expect(follow.health()).toEqual({ policyVersion: 2, policyStore: 'connected' });
      expect(follow.lastError()).toBeNull();
      await redis.del(...(await redis.keys(`${prefix}elsewhere:*`)));
    });
  });
});
