import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { Kysely } from 'kysely';
import { population } from '../../subgraphs/population';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import { publishWriteBack, sealWriteBack, writeBackStreamKeys, type WriteBackOutcome } from '../../schema/contracts/writeBack';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { newSigningKey } from '../support/newSigningKey';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { writeBackEvent, writePolicies } from '../support/writeBackEvents';

/** A department with `REDIS_URL` follows its write-back stream: applies each event and publishes its outcome. */
const PREFIX = uniqueRedisPrefix('write-back-stream-department');
const KEYS = writeBackStreamKeys(PREFIX);
const KEY = newSigningKey().key;
const OTHER_KEY = newSigningKey().key;
const NEW_ADDRESS = '北京市西城区金融街街道丰盛胡同8号';

async function eventually<T>(check: () => Promise<T>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describeWithRedis("a department's Redis transport", () => {
  let redis: Redis;
  let running: TestSubgraph;
  let dataDir: string;
  let db: Kysely<PopulationDatabase>;
  let persons: PersonRow[];
  let next = 0;

  /** The outcomes published so far for an event. */
  const outcomesOf = async (eventId: string): Promise<WriteBackOutcome[]> =>
    (await redis.xrange(KEYS.outcomes, '-', '+')).map(([, fields]) => JSON.parse(fields[1]) as WriteBackOutcome).filter((outcome) => outcome.eventId === eventId);
  const addressChange = () => {
    const person = persons[next++];
    return { person, event: writeBackEvent({ target: { type: 'Person', key: person.id_number }, applicant: person.id_number, values: { householdAddress: NEW_ADDRESS } }) };
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-back-stream-'));
    running = await startTestSubgraph(population, {
      port: 0,
      dataDir,
      databaseUrl: null,
      seedIfEmpty: { seed: 7, scale: 0.05 },
      policies: writePolicies(),
      writeBacks: { publicKey: KEY, redisUrl: REDIS_URL, prefix: PREFIX, claimIdleMs: 200 },
    });
    db = running.database.db as Kysely<PopulationDatabase>;
    persons = await db.selectFrom('persons').selectAll().orderBy('id_number').limit(10).execute();
  });

  afterAll(async () => {
    await running?.close();
    await deleteKeysUnder(redis, PREFIX);
    redis.disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an event on the stream → applied, its outcome on the outcomes stream, the entry acknowledged', async () => {
    const { person, event } = addressChange();
    await publishWriteBack(redis, KEYS, await sealWriteBack(event, KEY));
    const [outcome] = await eventually(async () => {
      const outcomes = await outcomesOf(event.id);
      expect(outcomes).toHaveLength(1);
      return outcomes;
    });
    expect(outcome).toMatchObject({ eventId: event.id, department: 'population', state: 'applied', record: { type: 'Person', key: person.id_number } });
    expect((await db.selectFrom('persons').select('household_address').where('id_number', '=', person.id_number).executeTakeFirstOrThrow()).household_address).toBe(NEW_ADDRESS);
    await eventually(async () => expect(((await redis.xpending(KEYS.events('population'), 'population')) as [number])[0]).toBe(0));
  });

  it('the same event on the stream twice → the same outcome published twice, written once', async () => {
    const { event } = addressChange();
    const sealed = await sealWriteBack(event, KEY);
    await publishWriteBack(redis, KEYS, sealed);
    await publishWriteBack(redis, KEYS, sealed);
    const outcomes = await eventually(async () => {
      const found = await outcomesOf(event.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(await (db as Kysely<any>).selectFrom('kit_disclosures').select('id').where('request_id', '=', event.id).execute()).toHaveLength(1);
  });

  it('a forged entry → copied to the forged stream (entry id, department, why), no outcome, nothing written', async () => {
    const { person, event } = addressChange();
    const entry = await publishWriteBack(redis, KEYS, await sealWriteBack(event, OTHER_KEY));
    const forged = await eventually(async () => {
      const found = (await redis.xrange(KEYS.forged, '-', '+')).map(([, fields]) => fields).filter((fields) => fields.includes(entry));
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(forged).toEqual(['department', 'population', 'why', expect.any(String), 'entry', entry]);
    expect(await outcomesOf(event.id)).toEqual([]);
    expect((await db.selectFrom('persons').select('household_address').where('id_number', '=', person.id_number).executeTakeFirstOrThrow()).household_address).toBe(
      person.household_address,
    );
  });

  it('/health → writeBacks over redis, no error', async () => {
    const health = (await (await fetch(new URL('/health', running.url))).json()) as any;
    expect(health.writeBacks).toMatchObject({ transport: 'redis', lastError: null });
    expect(health.writeBacks.applied).toBeGreaterThanOrEqual(1);
  });
});
