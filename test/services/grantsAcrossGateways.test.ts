import Redis from 'ioredis';
import type { Identity } from '../../policies';
import { OFFICER, startStack, type ExtraGateway, type Stack, KIT_DEPARTMENTS } from '../support/startStack';
import { describeWithRedis, REDIS_URL } from '../support/services';

/**
 * With the grants in Redis, an approval and a revocation take effect on every gateway
 * instance (and the departments behind them) within 2 seconds.
 */
const KEY = `govgraph-test-grants-${process.pid}-${Math.floor(Math.random() * 1e6)}:grants`;
const REVIEWER: Identity = { sub: 'staff-market-0009', roles: ['reviewer'], dept: 'market', clearance: 2 };
const POPULATION_OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };
const ADDRESS = 'query ($id: ID!) { person(idNumber: $id) { householdAddress } }';

describeWithRedis('access grants across gateway instances', () => {
  let stack: Stack;
  let second: ExtraGateway;
  let person: string;

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05, grants: { redisUrl: REDIS_URL, redisKey: KEY } });
    second = await stack.addGateway();
    const { body } = await stack.request('{ people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    person = body.data.people.edges[0].node.idNumber;
  });

  afterAll(async () => {
    await stack?.close();
    const redis = new Redis(REDIS_URL!);
    await redis.del(KEY, `${KEY}:version`);
    await redis.quit();
  });

  /** The code or value each gateway gives the reviewer for the address. */
  async function bothRead(): Promise<string[]> {
    const reads = [stack.request, second.request].map(async (request) => {
      const { body } = await request(ADDRESS, { id: person }, { as: REVIEWER, purpose: 'application-review' });
      return body.errors?.length ? String(body.errors[0].extensions?.code) : 'ADDRESS';
    });
    return Promise.all(reads);
  }

  async function within2s(expected: string): Promise<string[]> {
    const deadline = Date.now() + 2000;
    let seen = await bothRead();
    while (seen.some((value) => value !== expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await bothRead();
    }
    return seen;
  }

  it('approval → both gateways serve the field; revocation → both deny it, each within 2 s', async () => {
    expect(await bothRead()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const applied = await stack.request(
      'mutation ($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }',
      { input: { coordinates: ['Person.householdAddress'], purpose: 'application-review', legalBasis: '《行政许可法》第三十四条', until } },
      { as: REVIEWER },
    );
    const decided = await stack.request(
      'mutation ($id: ID!) { decideAccessApplication(id: $id, approve: true) { grant { id } } }',
      { id: applied.body.data.applyForAccess[0].id },
      { as: POPULATION_OFFICER },
    );
    expect(await within2s('ADDRESS')).toEqual(['ADDRESS', 'ADDRESS']);
    await second.request(
      'mutation ($id: ID!) { revokeGrant(id: $id, reason: "Inspection over.") { id } }',
      { id: decided.body.data.decideAccessApplication.grant.id },
      { as: POPULATION_OFFICER },
    );
    expect(await within2s('FORBIDDEN')).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});
