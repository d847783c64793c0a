import Redis from 'ioredis';
import type { Identity } from '../../policies';
import { signGrantSnapshot, type AccessGrant, type GrantSnapshot } from '../../policies/grants';
import { newSigningKey } from '../support/newSigningKey';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { OFFICER, startStack, type Stack } from '../support/startStack';

/**
 * Grants in Redis are signed by the catalog: whoever can write the key `…:grants` cannot
 * grant anything. What the catalog publishes is followed; anything else written there is
 * refused by the gateway and every department, which keep the grants in force and say why in
 * /health.
 */
const KEY = `govgraph-test-grant-signature-${process.pid}-${Math.floor(Math.random() * 1e6)}:grants`;
const MARKET_REVIEWER: Identity = { sub: 'staff-market-0011', roles: ['reviewer'], dept: 'market', clearance: 2 };
const LICENSES_REVIEWER: Identity = { sub: 'staff-licenses-0011', roles: ['reviewer'], dept: 'licenses', clearance: 2 };
const POPULATION_OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };
const PURPOSE = 'application-review';
const ADDRESS = 'query ($id: ID!) { person(idNumber: $id) { householdAddress } }';
/** What an intruder would grant: the household address to the licenses department. */
const FORGED_GRANT: AccessGrant = {
  id: 'G-999999',
  applicationId: 'AA-999999',
  grantee: 'licenses',
  provider: 'population',
  coordinates: ['Person.householdAddress'],
  purpose: PURPOSE,
  until: '2099-01-01T00:00:00.000Z',
  caseBound: false,
  approvedBy: 'intruder',
  approvedAt: '2026-11-27T08:00:00.000Z',
};

interface Health {
  grantsVersion: number;
  grantsError?: string;
}

describeWithRedis('signed grant snapshots in Redis', () => {
  let stack: Stack;
  let redis: Redis;
  let person: string;

  const stored = async (): Promise<GrantSnapshot> => JSON.parse((await redis.get(KEY))!) as GrantSnapshot;
  /** What someone able to write the key does: replace the snapshot and announce it. */
  const writeKey = async (content: unknown): Promise<void> => {
    await redis.set(KEY, JSON.stringify(content));
    await redis.publish(`${KEY}:changed`, '0');
  };
  /** /health of the gateway and of every department. */
  const healths = async (): Promise<Record<string, Health>> => {
    const urls = { gateway: stack.gateway.url, ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])) };
    const entries = await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, (await (await fetch(url.replace('/graphql', '/health'))).json()) as Health] as const));
    return Object.fromEntries(entries);
  };
  /** The address, or the error code, a reviewer gets through the gateway. */
  const readAddress = async (as: Identity): Promise<string> => {
    const { body } = await stack.request(ADDRESS, { id: person }, { as, purpose: PURPOSE });
    return body.errors?.length ? String(body.errors[0].extensions?.code) : 'ADDRESS';
  };
  /** Polls until `check` holds (grants and refusals reach every instance within 2 s). */
  const within2s = async <T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 2000): Promise<T> => {
    const deadline = Date.now() + ms;
    let value = await read();
    while (!check(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  };
  /** Each instance's grant version and error, by name. */
  const grantStates = async (): Promise<Record<string, Health>> =>
    Object.fromEntries(
      Object.entries(await healths()).map(([name, { grantsVersion, grantsError }]) => [name, { grantsVersion, ...(grantsError !== undefined && { grantsError }) }]),
    );
  const everyone = <T>(value: T): Record<string, T> => Object.fromEntries(['gateway', ...Object.keys(stack.subgraphs)].map((name) => [name, value]));
  const everyoneReports = (what: string) => (all: Record<string, Health>) => Object.values(all).every((health) => health.grantsError?.includes(what));
  /** Approves the market reviewer's application for the address (an open grant); the grant id. */
  const approveAddress = async (): Promise<string> => {
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const applied = await stack.request(
      'mutation ($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }',
      { input: { coordinates: ['Person.householdAddress'], purpose: PURPOSE, legalBasis: '《行政许可法》第三十四条', until } },
      { as: MARKET_REVIEWER },
    );
    const decided = await stack.request(
      'mutation ($id: ID!) { decideAccessApplication(id: $id, approve: true) { grant { id } } }',
      { id: applied.body.data.applyForAccess[0].id },
      { as: POPULATION_OFFICER },
    );
    return decided.body.data.decideAccessApplication.grant.id;
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    stack = await startStack({ scale: 0.05, grants: { redisUrl: REDIS_URL, redisKey: KEY } });
    const { body } = await stack.request('{ people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    person = body.data.people.edges[0].node.idNumber;
    await approveAddress();
    await within2s(
      () => readAddress(MARKET_REVIEWER),
      (read) => read === 'ADDRESS',
    );
  });

  afterAll(async () => {
    await stack?.close();
    await redis?.del(KEY, `${KEY}:version`);
    await redis?.quit();
  });

  describe('forged snapshots', () => {
    let genuine: GrantSnapshot;
    beforeEach(async () => {
      genuine = await stored();
    });
    // The genuine snapshot back: every instance clears its refusal when it reads the store again
    // (every 2 s while refusing).
    afterEach(async () => {
      await writeKey(genuine);
      expect(await within2s(grantStates, (all) => Object.values(all).every((health) => !health.grantsError), 5000)).toEqual(everyone({ grantsVersion: genuine.version }));
    });

    it('a grant the catalog publishes → followed: the gateway serves it, every instance shows its version and no grantsError', async () => {
      expect({ read: await readAddress(MARKET_REVIEWER), grants: await grantStates() }).toEqual({ read: 'ADDRESS', grants: everyone({ grantsVersion: genuine.version }) });
    });

    it('an unsigned snapshot written straight into Redis → the gateway and every department report it in /health grantsError', async () => {
      await writeKey({ version: genuine.version + 1, grants: [...genuine.grants, FORGED_GRANT] });
      await within2s(healths, everyoneReports('it carries no signature'));
      expect(await grantStates()).toEqual(
        everyone({
          grantsVersion: genuine.version,
          grantsError: `The grants of published version ${genuine.version + 1} were not put in force: the snapshot is not signed by the catalog's key ${stack.grantSigningKey.keyId} (it carries no signature: only the catalog publishes grants, signed with its grant signing key)`,
        }),
      );
    });

    it('an unsigned snapshot written straight into Redis → the grants in force stay, the forged grant opens nothing', async () => {
      await writeKey({ version: genuine.version + 1, grants: [FORGED_GRANT] });
      await within2s(healths, everyoneReports('it carries no signature'));
      expect({ market: await readAddress(MARKET_REVIEWER), licenses: await readAddress(LICENSES_REVIEWER) }).toEqual({ market: 'ADDRESS', licenses: 'FORBIDDEN' });
    });

    it('a snapshot signed by another key → refused, naming that key; the forged grant opens nothing', async () => {
      const { key: intruderKey } = newSigningKey();
      const forged = { version: genuine.version + 1, grants: [...genuine.grants, FORGED_GRANT] };
      await writeKey({ ...forged, signature: await signGrantSnapshot(forged, intruderKey) });
      await within2s(healths, everyoneReports(`it is signed by another key, ${intruderKey.keyId}`));
      expect(await readAddress(LICENSES_REVIEWER)).toBe('FORBIDDEN');
    });

    it("the catalog's snapshot changed after signing → refused as changed; the forged grant opens nothing", async () => {
      await writeKey({ ...genuine, grants: [...genuine.grants, FORGED_GRANT] });
      await within2s(healths, everyoneReports('changed after it was signed'));
      expect(await readAddress(LICENSES_REVIEWER)).toBe('FORBIDDEN');
    });
  });

  it('an older signed snapshot put back after a revocation → refused as a replay: the revoked grant stays revoked', async () => {
    const grantId = await approveAddress();
    const withGrant = await stored();
    await stack.request(
      'mutation ($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id } }',
      { id: grantId, reason: 'Inspection over.' },
      { as: POPULATION_OFFICER },
    );
    // Revoking this one leaves the grant of beforeAll: revoke that too, so the reviewer is denied.
    for (const grant of withGrant.grants.filter((g) => g.id !== grantId)) {
      await stack.request(
        'mutation ($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id } }',
        { id: grant.id, reason: 'Inspection over.' },
        { as: POPULATION_OFFICER },
      );
    }
    expect(
      await within2s(
        () => readAddress(MARKET_REVIEWER),
        (read) => read === 'FORBIDDEN',
      ),
    ).toBe('FORBIDDEN');
    await writeKey(withGrant);
    await within2s(healths, everyoneReports('an older version is never put back'));
    expect(await readAddress(MARKET_REVIEWER)).toBe('FORBIDDEN');
  });
});
