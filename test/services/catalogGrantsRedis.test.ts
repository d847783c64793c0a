import Redis from 'ioredis';
import type { Identity } from '../../policies';
import { verifyGrantSnapshot, type GrantSnapshot } from '../../policies/grants';
import { startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** The catalog publishing to Redis: what approval and revocation leave under the grants key. */
const KEY = `govgraph-test-catalog-${process.pid}-${Math.floor(Math.random() * 1e6)}:grants`;
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };

describeWithRedis('catalog grants in Redis', () => {
  let stack: Stack;
  let redis: Redis;
  const published = async () => JSON.parse((await redis.get(KEY)) ?? '{"version":0,"grants":[]}') as GrantSnapshot;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05, grants: { redisUrl: REDIS_URL, redisKey: KEY } });
  });

  afterAll(async () => {
    await stack?.close();
    await redis.del(KEY, `${KEY}:version`);
    await redis.quit();
  });

  it('start → the catalog publishes its set (none yet) under the key', async () => {
    expect(await published()).toEqual({ version: expect.any(Number), grants: [], signature: expect.any(String) });
  });

  it('start → what the catalog publishes is signed with its key', async () => {
    expect(await verifyGrantSnapshot(await published(), stack.grantSigningKey, 0)).toEqual({ kind: 'accepted' });
  });

  it('approval → the grant under the key with a newer version; revocation → gone again', async () => {
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const applied = await stack.request(
      'mutation($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }',
      { input: { coordinates: ['Person.householdAddress'], purpose: 'application-review', legalBasis: '《行政许可法》第三十四条', until } },
      { as: REVIEWER },
    );
    const before = (await published()).version;
    const decided = await stack.request(
      'mutation($id: ID!) { decideAccessApplication(id: $id, approve: true) { grant { id } } }',
      { id: applied.body.data.applyForAccess[0].id },
      { as: OFFICER },
    );
    const grantId = decided.body.data.decideAccessApplication.grant.id;
    const afterApproval = await published();
    expect(afterApproval.version).toBeGreaterThan(before);
    expect(afterApproval.grants.map((g) => g.id)).toEqual([grantId]);
    await stack.request('mutation($id: ID!) { revokeGrant(id: $id, reason: "Test over.") { id } }', { id: grantId }, { as: OFFICER });
    expect((await published()).grants).toEqual([]);
  });
});
