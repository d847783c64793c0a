import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { formatResidentIdNumber, startSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import { sealWriteBack, type WriteBackEvent } from '../../schema/contracts/writeBack';
import type { WriteRequest } from '../../policies';
import { ALLOW_ALL_POLICIES, citizen, createGatewayTestKeys, startTestSubgraph, TEST_GRANT_PUBLIC_JWK, type TestSubgraph } from '../support/gatewayTokens';
import { deliverWriteBack } from '../support/deliverWriteBack';
import { newSigningKey } from '../support/newSigningKey';
import { writeBackEvent, writePolicies } from '../support/writeBackEvents';

/**
 * The population registry applies `updatePerson` write-backs (a household address change) sent
 * to `POST /write-backs`: once per event, under its write policies, logged in its disclosure log.
 */
const KEY = newSigningKey().key;
const OTHER_KEY = newSigningKey().key;
const UNREGISTERED_ID = formatResidentIdNumber({ regionCode: '110101', birthDate: '1900-01-01', sequence: 1 });
const NEW_ADDRESS = '上海市徐汇区湖南路街道武康路100号';

let running: TestSubgraph;
let dataDir: string;
let db: Kysely<PopulationDatabase & Record<string, any>>;
let persons: PersonRow[];
let nextPerson = 0;
let allow: (request: WriteRequest) => boolean;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-back-population-'));
  running = await startTestSubgraph(population, {
    port: 0,
    dataDir,
    databaseUrl: null,
    seedIfEmpty: { seed: 7, scale: 0.05 },
    policies: writePolicies((request) => allow(request)),
    writeBacks: { publicKey: KEY },
  });
  db = running.database.db as typeof db;
  persons = await db.selectFrom('persons').selectAll().orderBy('id_number').limit(40).execute();
});

beforeEach(() => {
  allow = (request) => request.from === 'services' && request.coordinate === 'Person.householdAddress' && request.event === 'household-address-change';
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A resident no other test touches, and an address change for them. */
function addressChange(overrides: Partial<WriteBackEvent> = {}): { person: PersonRow; event: WriteBackEvent } {
  const person = persons[nextPerson++];
  const event = writeBackEvent({ target: { type: 'Person', key: person.id_number }, applicant: person.id_number, values: { householdAddress: NEW_ADDRESS }, ...overrides });
  return { person, event };
}

const addressOf = async (idNumber: string) =>
  (await db.selectFrom('persons').select('household_address').where('id_number', '=', idNumber).executeTakeFirstOrThrow()).household_address;
const deliver = async (event: WriteBackEvent, key = KEY) => deliverWriteBack(running.url, await sealWriteBack(event, key));

describe('updatePerson over POST /write-backs', () => {
  it("an address change the policy allows → 200 applied, the resident's address changed", async () => {
    const { person, event } = addressChange();
    const { status, body } = await deliver(event);
    expect([status, body]).toEqual([
      200,
      { eventId: event.id, department: 'population', state: 'applied', reason: null, record: { type: 'Person', key: person.id_number }, at: expect.any(String) },
    ]);
    expect(await addressOf(person.id_number)).toBe(NEW_ADDRESS);
  });

  it('the same event delivered twice → the same outcome, one inbox row and one disclosure row', async () => {
    const { event } = addressChange();
    const first = await deliver(event);
    const again = await deliver(event);
    expect(again.body).toEqual(first.body);
    const rows = async (table: string, column: string) => (await db.selectFrom(table).select(column).where(column, '=', event.id).execute()).length;
    expect([await rows('kit_write_backs', 'event_id'), await rows('kit_disclosures', 'request_id')]).toEqual([1, 1]);
  });

  it('signed with another key → 403 WRITE_BACK_FORGED, nothing written', async () => {
    const { person, event } = addressChange();
    const { status, body } = await deliver(event, OTHER_KEY);
    expect([status, body]).toEqual([403, { error: 'WRITE_BACK_FORGED', reason: expect.any(String) }]);
    expect(await addressOf(person.id_number)).toBe(person.household_address);
  });

  it('a payload altered after signing → 403, nothing written', async () => {
    const { person, event } = addressChange();
    const sealed = await sealWriteBack(event, KEY);
    const { status } = await deliverWriteBack(running.url, { ...sealed, payload: sealed.payload.replace(NEW_ADDRESS, '北京市东城区') });
    expect(status).toBe(403);
    expect(await addressOf(person.id_number)).toBe(person.household_address);
  });

  it('an event signed for licenses → 403, nothing written', async () => {
    const { person, event } = addressChange({ department: 'licenses' });
    expect((await deliver(event)).status).toBe(403);
    expect(await addressOf(person.id_number)).toBe(person.household_address);
  });

  it('a body that is not JSON → 403', async () => {
    expect((await deliverWriteBack(running.url, '{"payload": ')).status).toBe(403);
  });

  it('a body over 64 KB → 413', async () => {
    const { event } = addressChange();
    const sealed = await sealWriteBack(event, KEY);
    expect((await deliverWriteBack(running.url, { ...sealed, padding: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('a malformed event (no target key) → 200 refused with the reason', async () => {
    const { event } = addressChange({ target: { type: 'Person', key: '' } });
    const { status, body } = await deliver(event);
    expect([status, body.state, body.reason]).toEqual([200, 'refused', 'the event is malformed: its target (type and key) is missing']);
  });

  it('a resident the registry does not hold → refused, nothing written', async () => {
    const { event } = addressChange({ target: { type: 'Person', key: UNREGISTERED_ID } });
    const { body } = await deliver(event);
    expect([body.state, body.reason]).toEqual(['refused', 'the registry has no resident with this ID number']);
    expect(await db.selectFrom('persons').select('id_number').where('id_number', '=', UNREGISTERED_ID).execute()).toEqual([]);
  });

  it('a field other than householdAddress → refused naming it, nothing written', async () => {
    allow = () => true;
    const { person, event } = addressChange({ values: { householdAddress: NEW_ADDRESS, phone: '13800138000' } });
    const { body } = await deliver(event);
    expect([body.state, body.reason]).toEqual(['refused', 'population does not write Person.phone']);
    expect(await addressOf(person.id_number)).toBe(person.household_address);
  });

  it('an empty address → refused', async () => {
    const { event } = addressChange({ values: { householdAddress: '  ' } });
    expect((await deliver(event)).body).toMatchObject({ state: 'refused', reason: expect.stringMatching(/^householdAddress must be non-empty/) });
  });

  it("the write policy does not allow the event → refused with the policy's why, nothing written", async () => {
    const { person, event } = addressChange({ event: 'marriage-registration' });
    const { body } = await deliver(event);
    expect([body.state, body.reason]).toEqual(['refused', 'no write rule lets services write Person.householdAddress on marriage-registration']);
    expect(await addressOf(person.id_number)).toBe(person.household_address);
  });

  it("applied → the resident's myDisclosures shows the write, by which case and caseworker", async () => {
    const { person, event } = addressChange();
    await deliver(event);
    const { body } = await running.request(
      '{ myDisclosures(first: 5) { edges { node { action requestId department recordType recordKey subject reader { sub roles dept } purpose caseId masked fields } } } }',
      {},
      citizen(person.id_number),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.myDisclosures.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      action: 'WRITE',
      requestId: event.id,
      department: 'population',
      recordType: 'Person',
      recordKey: person.id_number,
      subject: person.id_number,
      reader: { sub: event.actor, roles: [], dept: 'services' },
      purpose: 'household-address-change',
      caseId: event.applicationId,
      masked: false,
      fields: ['householdAddress'],
    });
  });

  it('a read of the record → its disclosure row says READ', async () => {
    const person = persons[nextPerson++];
    await running.request('query ($id: ID!) { person(idNumber: $id) { name } }', { id: person.id_number }, citizen(person.id_number));
    const { body } = await running.request('{ myDisclosures(first: 1) { edges { node { action recordKey } } } }', {}, citizen(person.id_number));
    expect(body.data.myDisclosures.edges[0].node).toEqual({ action: 'READ', recordKey: person.id_number });
  });

  it('/health → writeBacks over http with the counts since start', async () => {
    const health = (await (await fetch(new URL('/health', running.url))).json()) as any;
    expect(health.writeBacks).toEqual({
      transport: 'http',
      applied: expect.any(Number),
      refused: expect.any(Number),
      forged: expect.any(Number),
      repeated: expect.any(Number),
      lastError: null,
    });
  });
});

describe('starting a department that applies write-backs', () => {
  it("no service platform's public key anywhere → start-up fails saying how to give it, before its database opens", async () => {
    const emptyDir = path.join(dataDir, 'no-keys');
    const starting = startSubgraph(population, {
      port: 0,
      dataDir: emptyDir,
      databaseUrl: null,
      env: {},
      policies: ALLOW_ALL_POLICIES,
      gatewayKeys: (await createGatewayTestKeys()).verificationKeys,
      grants: { publicKey: TEST_GRANT_PUBLIC_JWK },
    });
    await expect(starting).rejects.toThrow(
      /^population: No service platform's public key: set GOVGRAPH_WRITE_BACK_PUBLIC_JWK to it \(a JWK\), or put it in .*write-back-signing\.public\.jwk\.json/,
    );
    expect(fs.existsSync(emptyDir)).toBe(false);
  });
});
