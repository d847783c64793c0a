import Redis from 'ioredis';
import { gatewayConfigOf } from '../../gateway/config';
import { sha256Hex } from '../../gateway/limit/persisted';
import type { RunningGateway } from '../../gateway/server';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { startSecondGateway } from '../support/secondGateway';
import { describeWithRedis, REDIS_URL } from '../support/services';

/**
 * Two gateway instances against one Redis, as behind a load balancer: one rate-limit budget
 * for both, and a persisted query sent to one runs by hash alone on the other.
 */
const PREFIX = uniqueRedisPrefix('shared-limits');
const QUERY = '{ things { id name } }';

describeWithRedis('two gateways sharing one Redis', () => {
  let stack: FixtureStack;
  let second: RunningGateway;
  let staff = 0;

  beforeAll(async () => {
    // Store timeouts well above a loaded machine's Redis latency: this suite is about sharing, not about a slow store.
    const config = gatewayConfigOf({
      redisUrl: REDIS_URL,
      redisPrefix: PREFIX,
      rateLimits: { perIdentity: 4, perAnonymousAddress: 3, storeTimeoutMs: 2000 },
      operations: { storeTimeoutMs: 2000 },
    });
    stack = await startFixtureStack({ gateway: { config } });
    second = await startSecondGateway(stack, config);
  });

  afterAll(async () => {
    await second?.close();
    await stack?.close();
    const redis = new Redis(REDIS_URL!);
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  /** POSTs to one gateway as a fresh staff member (`as: 'staff'`, one per test) or anonymously. */
  async function post(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), data: json.data, extensions: json.errors?.[0]?.extensions };
  }
  const newStaff = async () => stack.authorization({ sub: `staff-${++staff}`, roles: ['caseworker'], dept: `dept-${staff}`, clearance: 2 });

  it('one identity, requests spread over both → the fifth refused with 429 RATE_LIMITED (identity) and Retry-After', async () => {
    const headers = await newStaff();
    for (const url of [stack.gateway.url, second.url, stack.gateway.url, second.url]) expect((await post(url, { query: QUERY }, headers)).status).toBe(200);
    const refused = await post(stack.gateway.url, { query: QUERY }, headers);
    expect([refused.status, refused.extensions?.code, refused.extensions?.limit, refused.retryAfter]).toEqual([
      429,
      'RATE_LIMITED',
      'identity',
      String(refused.extensions?.retryAfterSeconds),
    ]);
  });

  it('one anonymous address, requests spread over both → the fourth refused (anonymous)', async () => {
    const statuses = [];
    for (const url of [second.url, stack.gateway.url, second.url, stack.gateway.url]) statuses.push((await post(url, { query: QUERY })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('a query sent with its hash to one gateway → the other runs it by hash alone', async () => {
    const query = '{ things { id } }';
    const persistedQuery = { version: 1, sha256Hash: sha256Hex(query) };
    const headers = await newStaff();
    await post(stack.gateway.url, { query, extensions: { persistedQuery } }, headers);
    expect((await post(second.url, { extensions: { persistedQuery } }, headers)).data).toEqual({ things: [{ id: 't1' }, { id: 't2' }] });
  });
});
