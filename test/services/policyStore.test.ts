import fs from 'node:fs';
import Redis from 'ioredis';
import pino from 'pino';
import {
  followPublishedPolicies,
  loadPolicySet,
  POLICIES_DIR,
  readPolicyDir,
  RedisPolicyStore,
  signPolicyBundle,
  type PolicyBundle,
  type PolicyChange,
  type PolicyFileText,
  type PolicySet,
  type PublishedPolicyFollow,
  type UnsignedPolicyBundle,
} from '../../policies';
import { hashPolicyFiles } from '../../policies/engine/hashPolicyFiles';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { newSigningKey } from '../support/newSigningKey';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { startTcpProxy } from '../support/tcpProxy';

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
/** The publisher's key, whose public half every follower here is given; and a key nobody gave them. */
const { key: KEY, publicJwk: PUBLIC_JWK } = newSigningKey();
const { key: OTHER_KEY } = newSigningKey();

/** A bundle as `publish` would store it for these files, signed with `key`. */
async function signed(unsigned: Omit<UnsignedPolicyBundle, 'hash' | 'publishedAt'> & { hash?: string }, key = KEY): Promise<PolicyBundle> {
  const bundle: UnsignedPolicyBundle = { hash: hashPolicyFiles(unsigned.files), publishedAt: new Date().toISOString(), ...unsigned };
  return { ...bundle, signature: await signPolicyBundle(bundle, key) };
}

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
  async function follower(log = pino({ level: 'silent' }), { redisUrl = REDIS_URL!, timeoutMs }: { redisUrl?: string; timeoutMs?: number } = {}) {
    let current = shipped;
    const changes: PolicyChange[] = [];
    const follow = await followPublishedPolicies({
      store: { redisUrl, prefix, publicKey: PUBLIC_JWK },
      timeoutMs,
      supergraphSdl: () => SUPERGRAPH,
      current: () => current,
      apply(policies, change) {
        current = policies;
        changes.push(change);
      },
      log,
    });
    follows.push(follow);
    return { follow, changes, current: () => current };
  }

  describe('publish', () => {
    it('first publication → version 1, the files, publisher and no previous hash', async () => {
      const { kind, bundle } = await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      expect(kind).toBe('published');
      expect(bundle).toMatchObject({ version: 1, hash: shipped.hash, publishedBy: 'officer-li', previousHash: null, files: SHIPPED });
      expect(await store.current()).toEqual(bundle);
    });

    it('a second publication → the next version, naming the hash it replaces; history has both, newest first', async () => {
      const first = await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      const second = await store.publish({ files: REVOKED, publishedBy: 'officer-wang', signingKey: KEY });
      expect(second.bundle).toMatchObject({ version: 2, previousHash: first.bundle.hash, publishedBy: 'officer-wang' });
      const history = await store.history();
      expect(history.map(({ version, hash, previousHash, publishedBy }) => ({ version, hash, previousHash, publishedBy }))).toEqual([
        { version: 2, hash: second.bundle.hash, previousHash: first.bundle.hash, publishedBy: 'officer-wang' },
        { version: 1, hash: first.bundle.hash, previousHash: null, publishedBy: 'officer-li' },
      ]);
    });

    it('the same files as the current version → unchanged: no new version, no history line', async () => {
      await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      const again = await store.publish({ files: SHIPPED, publishedBy: 'officer-wang', signingKey: KEY });
      expect(again.kind).toBe('unchanged');
      expect(again.bundle).toMatchObject({ version: 1, publishedBy: 'officer-li' });
      expect(await store.history()).toHaveLength(1);
    });

    it('a publication → signed, its history line naming the signing key', async () => {
      const { bundle } = await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      expect(bundle.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
      expect((await store.history())[0].keyId).toBe(KEY.keyId);
    });

    it('the same files as an unsigned current bundle → published again, signed, as the next version', async () => {
      await redis.set(store.keys.current, JSON.stringify({ ...(await signed({ version: 1, files: SHIPPED, publishedBy: 'intruder', previousHash: null })), signature: null }));
      await redis.set(store.keys.version, '1');
      const { kind, bundle } = await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      expect(kind).toBe('published');
      expect(bundle).toMatchObject({ version: 2, hash: shipped.hash, publishedBy: 'officer-li', signature: expect.any(String) });
    });

    it('two officers publishing at once → two versions, each chained to the one before', async () => {
      const [a, b] = await Promise.all([
        store.publish({ files: SHIPPED, publishedBy: 'a', signingKey: KEY }),
        store.publish({ files: REVOKED, publishedBy: 'b', signingKey: KEY }),
      ]);
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
        const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
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
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      const { follow, changes, current } = await follower();
      expect(current().hash).toBe(bundle.hash);
      expect(changes).toEqual([{ source: 'redis', version: 1, from: shipped.hash, to: bundle.hash, publishedBy: 'officer-li', keyId: KEY.keyId }]);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('the files equal the published version → its version is reported, nothing is swapped', async () => {
      await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      const { follow, changes, current } = await follower();
      expect(current()).toBe(shipped);
      expect(changes).toEqual([]);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('a publication while following → in force after the notification', async () => {
      const { follow, current } = await follower();
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      await until(() => current().hash === bundle.hash);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('a published set with problems → refused: the last good set and version stay, lastError lists file:line', async () => {
      const good = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      const { follow, changes, current } = await follower();
      await store.publish({ files: BROKEN, publishedBy: 'officer-wang', signingKey: KEY });
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toMatch(/^The policies of published version 2 were not loaded \(\d+ problems?\):\n {2}market\.yaml:\d+: /);
      expect(current().hash).toBe(good.bundle.hash);
      expect(follow.health()).toEqual({ policyVersion: 1, policyStore: 'connected' });
      expect(changes).toHaveLength(1);
    });

    it('a signed bundle whose files do not match its hash → refused as altered', async () => {
      const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      await redis.set(store.keys.current, JSON.stringify(await signed({ ...bundle, version: 2, files: SHIPPED, hash: bundle.hash })));
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
      const { bundle } = await store.publish({ files, publishedBy: 'officer-li', signingKey: KEY });
      await until(() => current().hash === bundle.hash);
      const missed = await new RedisPolicyStore(redis, `${prefix}elsewhere:`).publish({ files: SHIPPED, publishedBy: 'officer-wang', signingKey: KEY });
      await redis.set(store.keys.current, JSON.stringify(await signed({ ...missed.bundle, version: 2, previousHash: bundle.hash })));
      expect(current().hash).toBe(bundle.hash);
      // …then its connections drop (as in a network cut) and come back.
      const clients = (await redis.client('LIST')) as string;
      const ids = clients
        .split('\n')
        .flatMap((line) => (line.includes(`name=govgraph-policy-follow:${prefix} `) || line.includes(`name=govgraph-policy:${prefix} `) ? [/\bid=(\d+)/.exec(line)![1]] : []));
      expect(ids).toHaveLength(2);
      for (const id of ids) await redis.client('KILL', 'ID', id);
      await until(() => current().hash === shipped.hash && follow.health().policyStore === 'connected');
      expect(follow.health()).toEqual({ policyVersion: 2, policyStore: 'connected' });
      expect(follow.lastError()).toBeNull();
      await redis.del(...(await redis.keys(`${prefix}elsewhere:*`)));
    });

    it('its connections gone silent without closing (a partition) → dropped and made again; a publication meanwhile is read', async () => {
      const { hostname, port } = new URL(REDIS_URL!);
      const proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
      try {
        const { follow, current } = await follower(undefined, { redisUrl: proxy.url, timeoutMs: 100 });
        expect(follow.health().policyStore).toBe('connected');
        proxy.strand();
        const { bundle } = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
        await until(() => current().hash === bundle.hash && follow.health().policyStore === 'connected', 8000);
        expect(follow.health()).toEqual({ policyVersion: 1, policyStore: 'connected' });
      } finally {
        await proxy.close();
      }
    });
  });

  describe('signatures', () => {
    const NOT_SIGNED = /^The policies of published version 2 were not loaded: the bundle is not signed by the policy publisher's key [\w-]{43} \(/;

    /** Puts a bundle in the store by hand, as someone with write access to Redis could, and tells the followers. */
    async function put(bundle: PolicyBundle): Promise<void> {
      await redis.set(store.keys.current, JSON.stringify(bundle));
      await redis.publish(store.keys.channel, JSON.stringify({ version: bundle.version, hash: bundle.hash }));
    }

    /** A follower with version 1 (REVOKED, published with the right key) in force. */
    async function followerAtVersion1() {
      const good = await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      const following = await follower();
      expect(following.current().hash).toBe(good.bundle.hash);
      return { ...following, good: good.bundle };
    }

    it("a bundle signed with the publisher's key → loaded, the change names the key id", async () => {
      const { changes, current, good } = await followerAtVersion1();
      await put(await signed({ version: 2, files: SHIPPED, publishedBy: 'officer-wang', previousHash: good.hash }));
      await until(() => current().hash === shipped.hash);
      expect(changes[1]).toEqual({ source: 'redis', version: 2, from: good.hash, to: shipped.hash, publishedBy: 'officer-wang', keyId: KEY.keyId });
    });

    it('an unsigned bundle written straight into Redis → refused; the last good set and version stay', async () => {
      const { follow, changes, current, good } = await followerAtVersion1();
      await put({ ...(await signed({ version: 2, files: SHIPPED, publishedBy: 'intruder', previousHash: good.hash })), signature: null });
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toMatch(NOT_SIGNED);
      expect(follow.lastError()).toContain('it carries no signature');
      expect(current().hash).toBe(good.hash);
      expect(follow.health()).toEqual({ policyVersion: 1, policyStore: 'connected' });
      expect(changes).toHaveLength(1);
    });

    it('a bundle signed with another key → refused, naming that key; the last good set stays', async () => {
      const { follow, current, good } = await followerAtVersion1();
      await put(await signed({ version: 2, files: SHIPPED, publishedBy: 'intruder', previousHash: good.hash }, OTHER_KEY));
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toMatch(NOT_SIGNED);
      expect(follow.lastError()).toContain(`it is signed by another key, ${OTHER_KEY.keyId}`);
      expect(current().hash).toBe(good.hash);
      expect(follow.health().policyVersion).toBe(1);
    });

    it('a bundle whose files were changed after signing (hash recomputed) → refused; the last good set stays', async () => {
      const { follow, current, good } = await followerAtVersion1();
      const bundle = await signed({ version: 2, files: REVOKED, publishedBy: 'officer-li', previousHash: good.hash });
      await put({ ...bundle, files: SHIPPED, hash: shipped.hash });
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toMatch(NOT_SIGNED);
      expect(follow.lastError()).toContain('its content does not match its signature: changed after it was signed');
      expect(current().hash).toBe(good.hash);
    });

    it('a refused bundle → one error log line saying why, without key material', async () => {
      const lines: string[] = [];
      const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
      await store.publish({ files: REVOKED, publishedBy: 'officer-li', signingKey: KEY });
      const { follow } = await follower(log);
      await put(await signed({ version: 2, files: SHIPPED, publishedBy: 'intruder', previousHash: null }, OTHER_KEY));
      await until(() => follow.lastError() !== null);
      const refusals = lines.map((line) => JSON.parse(line) as { msg: string; problems?: string }).filter((line) => line.msg.startsWith('published policy change refused'));
      expect(refusals).toHaveLength(1);
      expect(refusals[0].problems).toMatch(NOT_SIGNED);
      for (const secret of [KEY.privateKey, OTHER_KEY.privateKey].map((k) => k.export({ format: 'jwk' }).d!)) expect(lines.join('')).not.toContain(secret);
    });

    it('a signed bundle relabelled as another version → refused as changed after signing', async () => {
      const { follow, current, good } = await followerAtVersion1();
      const bundle = await signed({ version: 1, files: SHIPPED, publishedBy: 'officer-li', previousHash: null });
      await put({ ...bundle, version: 2 });
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toContain('its content does not match its signature');
      expect(current().hash).toBe(good.hash);
    });

    it('an older signed version put back (a replay) → refused; the version in force stays', async () => {
      const { follow, current, good } = await followerAtVersion1();
      const second = await store.publish({ files: SHIPPED, publishedBy: 'officer-wang', signingKey: KEY });
      await until(() => current().hash === second.bundle.hash);
      await put(good);
      await until(() => follow.lastError() !== null);
      expect(follow.lastError()).toContain('The policies of published version 1 were not loaded: version 2 is in force and an older version is never put back');
      expect(current().hash).toBe(second.bundle.hash);
      expect(follow.health().policyVersion).toBe(2);
    });

    it('the refused bundle replaced by a signed publication → loaded, the refusal cleared', async () => {
      const { follow, current, good } = await followerAtVersion1();
      await put({ ...(await signed({ version: 2, files: SHIPPED, publishedBy: 'intruder', previousHash: good.hash })), signature: null });
      await until(() => follow.lastError() !== null);
      await store.publish({ files: SHIPPED, publishedBy: 'officer-li', signingKey: KEY });
      await until(() => current().hash === shipped.hash);
      expect(follow.lastError()).toBeNull();
      expect(follow.health().policyVersion).toBe(2);
    });
  });
});
