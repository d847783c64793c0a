import path from 'node:path';
import Redis from 'ioredis';
import { loadWriteBackPublicKey, openWriteBack, publishOutcome, sealedOfEntry, writeBackStreamKeys } from '../../schema/contracts/writeBack';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import { eventually } from '../support/fakeWriteBackDepartment';
import type { TestSubgraph } from '../support/gatewayTokens';
import { startServicesAlone, type ServicesAlone } from '../support/servicesAlone';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker', 'reviewer'], dept: 'services', clearance: 4 };
const REDELIVER_MS = 400;

describeWithRedis('services write-backs over Redis Streams', () => {
  const prefix = uniqueRedisPrefix('services-write-back');
  const keys = writeBackStreamKeys(prefix);
  let alone: ServicesAlone;
  let dataDir: string;
  let running: TestSubgraph;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    alone = await startServicesAlone({
      seed: SEED,
      env: {
        REDIS_URL: REDIS_URL!,
        GOVGRAPH_REDIS_PREFIX: prefix,
        GOVGRAPH_WRITE_BACK_REDELIVER_MS: String(REDELIVER_MS),
        GOVGRAPH_WRITE_BACK_POLL_MS: '10',
        GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '50',
      },
    });
    ({ running, dataDir } = alone);
  });

  afterAll(async () => {
    await alone?.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  async function ok(document: string, variables: Record<string, unknown>): Promise<any> {
    const { body } = await running.request(document, variables, STAFF);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0];
  }

  /** A marriage registration, completed: its one write-back, to licenses. */
  async function completedMarriage(applicant: string): Promise<string> {
    const { id } = await ok('mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
      input: { itemCode: 'SI-0030', applicantIdNumber: applicant },
    });
    for (const step of ['acceptApplication(id: $id)', 'decideApplication(id: $id, approve: true)', 'completeApplication(id: $id)'])
      await ok(`mutation ($id: ID!) { ${step} { id } }`, { id });
    return `${id}/1`;
  }

  const stateOf = async (eventId: string): Promise<string> => {
    const { body } = await running.request('query ($id: ID!) { application(id: $id) { writeBacks { id state } } }', { id: eventId.split('/')[0] }, STAFF);
    return body.data.application.writeBacks[0].state;
  };
  /** The entries of the licenses stream that carry this event. */
  const entriesOf = async (eventId: string) => ((await redis.xrange(keys.events('licenses'), '-', '+')) as [string, string[]][]).filter(([, fields]) => fields[1] === eventId);

  it('completion → the sealed event on the department’s stream, still PENDING', async () => {
    const eventId = await completedMarriage(world.personIds[0]);
    const [[, fields]] = await eventually(
      () => entriesOf(eventId),
      (entries) => entries.length > 0,
    );
    const flat: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) flat[fields[i]] = fields[i + 1];
    const opened = await openWriteBack(sealedOfEntry('licenses', flat), loadWriteBackPublicKey({ env: {}, dir: path.join(dataDir, 'keys') }), 'licenses');
    expect(opened).toMatchObject({ kind: 'event', event: { id: eventId, event: 'marriage-registration', values: { kind: 'MARRIAGE_CERTIFICATE' } } });
    expect(await stateOf(eventId)).toBe('PENDING');
  });

  it('an outcome on the outcomes stream → APPLIED', async () => {
    const eventId = await completedMarriage(world.personIds[1]);
    await eventually(
      () => entriesOf(eventId),
      (entries) => entries.length > 0,
    );
    await publishOutcome(redis, keys, { eventId, department: 'licenses', state: 'applied', reason: null, record: { type: 'License', key: 'L-9' }, at: new Date().toISOString() });
    expect(
      await eventually(
        () => stateOf(eventId),
        (state) => state !== 'PENDING',
      ),
    ).toBe('APPLIED');
  });

  it('no outcome, and the stream lost (Redis without its data) → published again after redeliverAfterMs', async () => {
    const eventId = await completedMarriage(world.personIds[2]);
    await eventually(
      () => entriesOf(eventId),
      (entries) => entries.length > 0,
    );
    const published = Date.now();
    await redis.del(keys.events('licenses'));
    const [[entryId]] = await eventually(
      () => entriesOf(eventId),
      (entries) => entries.length > 0,
    );
    expect(Number(entryId.split('-')[0])).toBeGreaterThanOrEqual(published + REDELIVER_MS - 50);
    expect(await stateOf(eventId)).toBe('PENDING');
  });

  it('/health → writeBacks over redis', async () => {
    const health = (await (await fetch(`${new URL(running.url).origin}/health`)).json()) as any;
    expect(health.writeBacks).toMatchObject({ transport: 'redis', dead: 0, lastError: null });
  });
});
